namespace Linkwatch.Server.Platform.Store;

/// <summary>An alert's states, as stored and as the API writes them.</summary>
public static class AlertStates
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
}
