using Linkwatch.Agent.Cli;

namespace Linkwatch.Agent;

/// <summary>The <c>linkwatch-agent</c> entry point (a named class, so the server can reference the agent).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => AgentCli.InvokeAsync(args);
}
