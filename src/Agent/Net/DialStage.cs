namespace Linkwatch.Agent.Net;

/// <summary>How far a dial got; tells a timeout in resolve from one in connect.</summary>
public enum DialStage
{
    NotStarted,
    Resolving,
    Connecting,
    Connected,
    Failed,
}
