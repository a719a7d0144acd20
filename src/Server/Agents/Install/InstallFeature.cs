using Linkwatch.Server.Platform.Options;

namespace Linkwatch.Server.Agents.Install;

/// <summary>Installing agents: the install script and the agent downloads (docs/agent.md, "Install").</summary>
public static class InstallFeature
{
    public static IServiceCollection AddAgentInstall(this IServiceCollection services)
    {
        services.AddValidatedOptions<AgentDownloadsOptions, AgentDownloadsOptionsValidator>(AgentDownloadsOptions.Section);
        services.AddSingleton<AgentDownloads>();
        services.AddSingleton<InstallScript>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgentInstall(this IEndpointRouteBuilder app) => app.MapInstallApi();
}
