using System.Text.Json.Serialization.Metadata;
using Linkwatch.Server.Agents.Embedded;
using Linkwatch.Server.Platform.Options;

namespace Linkwatch.Server.Agents;

/// <summary>Agents: enrollment, the agents API, the agent hub and its connections, assignments, network events, the embedded agent.</summary>
public static class AgentsFeature
{
    public static IServiceCollection AddAgents(this IServiceCollection services)
    {
        services.AddSignalR(o =>
            {
                // A silently dead connection (no FIN, no RST) is noticed within ~30 s, as the agent protocol promises.
                // Keep-alive is a third of the client timeout so two lost pings do not yet drop a live agent.
                o.KeepAliveInterval = TimeSpan.FromSeconds(10);
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
                // A full SubmitResults batch (5000 results) fits; anything bigger is refused by the framework.
                o.MaximumReceiveMessageSize = 4 * 1024 * 1024;
                // Lets an agent pipeline its next batch while the writer commits the previous one.
                o.MaximumParallelInvocationsPerClient = 4;
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, LinkwatchJsonContext.Default);
                if (!o.PayloadSerializerOptions.TypeInfoResolverChain.OfType<DefaultJsonTypeInfoResolver>().Any())
                    o.PayloadSerializerOptions.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
            });
        services.AddSingleton<AgentConnectionRegistry>();
        services.AddSingleton<AssignmentPublisher>();
        services.AddScoped<NetworkEventStore>();
        services.AddValidatedOptions<EmbeddedAgentOptions, EmbeddedAgentOptionsValidator>(EmbeddedAgentOptions.Section);
        services.AddHostedService<EmbeddedAgentService>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        app.MapEnrollApi();
        app.MapAgentsApi();
        app.MapHub<AgentHub>(HubPaths.Agent);
        return app;
    }
}
