namespace Linkwatch.Agent.Dns;

/// <summary>One entry of the question section.</summary>
public sealed record DnsQuestion(string Name, ushort Type, ushort Class = DnsMessage.ClassIn);
