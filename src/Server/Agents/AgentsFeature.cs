using System.Text.Json.Serialization.Metadata;
using Linkwatch.Server.Agents.Embedded;
using Linkwatch.Server.Agents.Install;
using Linkwatch.Server.Platform.Options;
using Linkwatch.Shared.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Linkwatch.Server.Agents;

/// <summary>Agents: enrollment (shared and single-use tokens), the agents API, the agent hub and its connections, assignments, network events, the embedded agent, the install script and agent downloads.</summary>
public static class AgentsFeature
{
    public static IServiceCollection AddAgents(this IServiceCollection services)
    {
        services.AddSignalR(o =>
            {
                // The agent sets the same keep-alive and timeout from the same contract (HubTimeouts explains why).
                o.KeepAliveInterval = HubTimeouts.KeepAliveInterval;
                o.ClientTimeoutInterval = HubTimeouts.PeerTimeout;
                o.MaximumReceiveMessageSize = HubLimits.MaxReceiveMessageSize;
                o.MaximumParallelInvocationsPerClient = HubLimits.MaxParallelInvocationsPerAgent;
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, LinkwatchJsonContext.Default);
                if (!o.PayloadSerializerOptions.TypeInfoResolverChain.OfType<DefaultJsonTypeInfoResolver>().Any())
                    o.PayloadSerializerOptions.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
            });
        // The only JSON protocol on offer is the strict one (see StrictJsonHubProtocol).
        services.AddSingleton<StrictJsonHubProtocol>();
        services.Replace(ServiceDescriptor.Singleton<IHubProtocolResolver, StrictHubProtocolResolver>());
        services.AddSingleton<AgentConnectionRegistry>();
        services.AddSingleton<IdentityGuard>();
        services.AddSingleton<AssignmentPublisher>();
        services.AddScoped<NetworkEventStore>();
        services.AddScoped<EnrollmentTokens>();
        services.AddValidatedOptions<EmbeddedAgentOptions, EmbeddedAgentOptionsValidator>(EmbeddedAgentOptions.Section);
        services.AddHostedService<EmbeddedAgentService>();
        services.AddAgentInstall();
        return services;
    }

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        app.MapEnrollApi();
        app.MapEnrollmentTokensApi();
        app.MapAgentsApi();
        app.MapHub<AgentHub>(HubPaths.Agent);
        app.MapAgentInstall();
        return app;
    }
}
