using System.Text.Json.Serialization.Metadata;
using Linkwatch.Server.Hubs;
using Linkwatch.Server.Ingest;
using Linkwatch.Server.Live;

namespace Linkwatch.Server.Extensions;

public static class HubExtensions
{
    public static IServiceCollection AddLinkwatchHub(this IServiceCollection services)
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
        services.AddSingleton<LiveEvents>();
        services.AddScoped<Events.NetworkEventStore>();
        services.AddSingleton<IngestQueue>();
        services.AddHostedService<IngestWriter>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgentHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<AgentHub>(HubPaths.Agent);
        return app;
    }
}
