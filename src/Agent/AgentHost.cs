using Linkwatch.Agent.Link;
using Linkwatch.Agent.Outbox;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.Scheduling;
using Linkwatch.Agent.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Linkwatch.Agent;

/// <summary>
/// Builds the agent worker: server link, outbox, assignment store, scheduler and probes. The
/// <c>run</c> verb uses it, and so does the server for its embedded agent, each with its own host.
/// </summary>
public static class AgentHost
{
    /// <param name="ownsProcess">
    /// False when hosted inside another program (the server): the agent then leaves Ctrl+C and
    /// SIGTERM to its host program, which stops it.
    /// </param>
    public static IHost Build(AgentRuntimeOptions options, Action<ILoggingBuilder>? configureLogging = null, bool ownsProcess = true)
    {
        var builder = CreateBuilder(configureLogging);
        if (!ownsProcess)
            builder.Services.AddSingleton<IHostLifetime, HostedLifetime>();
        AddAgent(builder.Services, options);
        return builder.Build();
    }

    /// <summary>A host with only the responder, for <c>linkwatch-agent responder</c>.</summary>
    public static IHost BuildResponder(ResponderOptions options)
    {
        var builder = CreateBuilder(null);
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<ResponderService>();
        return builder.Build();
    }

    private static HostApplicationBuilder CreateBuilder(Action<ILoggingBuilder>? configureLogging)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        // Logs go to stderr: stdout belongs to the commands' own output.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        // The link logs connection loss itself, once and rate-limited; the client would add stack traces.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections", LogLevel.None);
        configureLogging?.Invoke(builder.Logging);
        return builder;
    }

    public static IServiceCollection AddAgent(IServiceCollection services, AgentRuntimeOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AssignmentStore>();
        services.AddSingleton<ResultOutbox>();
        services.AddSingleton<EventOutbox>();
        services.AddSingleton(_ => ProbeRegistry.CreateDefault(options.DataDirectory));
        services.AddSingleton(sp => new Net.Dialer(Net.SystemResolver.Instance, sp.GetService<ILogger<Net.Dialer>>()));
        services.AddSingleton<ICheckRunner, CheckRunner>();
        services.AddSingleton<CheckScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckScheduler>());
        services.AddSingleton<ServerLink>();
        services.AddHostedService(sp => sp.GetRequiredService<ServerLink>());
        if (options.WatchNetwork)
            services.AddHostedService<NetworkChangeWatcher>();
        if (options.Responder is { } responder)
        {
            services.AddSingleton(responder);
            services.AddSingleton<ResponderService>();
            services.AddHostedService(sp => sp.GetRequiredService<ResponderService>());
        }
        return services;
    }
}
