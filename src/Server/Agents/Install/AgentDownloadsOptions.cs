namespace Linkwatch.Server.Agents.Install;

/// <summary>The <c>Agent</c> section: where the server finds the agent builds it offers for download.</summary>
public sealed class AgentDownloadsOptions
{
    public const string Section = "Agent";

    /// <summary>
    /// A folder with <c>linkwatch-agent-{rid}</c> and <c>linkwatch-agent-{rid}.sha256</c> (src/Agent/publish-native.sh writes
    /// them); relative to the working directory. Unset: <c>/downloads</c> has nothing and the install script fails at its
    /// download with 404.
    /// </summary>
    public string? DownloadsDir { get; set; }
}
