namespace Linkwatch.Shared;

/// <summary>Well-known server paths the agent relies on.</summary>
public static class HubPaths
{
    public const string Agent = "/hubs/agent";
    public const string Enroll = "/api/enroll";
}
