namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// The input is not a file of the kind asked for, or is too large to import; the message names what is wrong
/// (e.g. "monitorList is missing: not an Uptime Kuma backup").
/// </summary>
public sealed class ImportFormatException(string message) : Exception(message);
