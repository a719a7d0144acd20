namespace Linkwatch.Agent.Net;

/// <summary>
/// Thrown where an API needs an exception for a failed dial (an HTTP connect callback);
/// it carries the verdict so the caller need not guess from a message.
/// </summary>
public sealed class DialFailedException(DialResult result)
    : IOException(result.Error ?? result.Verdict)
{
    public DialResult Result { get; } = result;
}
