namespace Linkwatch.Agent.Dns;

/// <summary>A DNS message that does not parse: cut short, a pointer loop, a label too long.</summary>
public sealed class DnsFormatException(string message) : Exception(message);
