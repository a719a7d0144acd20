using System.Net;
using Linkwatch.Agent.Link;
using Linkwatch.Agent.Net;
using Linkwatch.Shared;
using Linkwatch.Shared.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.SimulatedAgents;

/// <summary>
/// A simulated agent's hub connection, built like the agent's ServerLink: the agent's WebSocket transport,
/// the JSON protocol with the shared source-generated context first.
/// </summary>
public static class AgentHubConnection
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The HTTP handler the agent talks to its server with; one serves every simulated agent's connection.</summary>
    public static HttpMessageInvoker CreateInvoker() => new(HttpHandlers.CreateForServer());

    /// <summary>The hub's WebSocket address on <paramref name="server"/>, as the agent derives it.</summary>
    public static Uri HubUri(Uri server) => ServerLink.HubUri(server.ToString());

    /// <summary>Connects as the enrolled agent and says Hello; returns the connection and the checks assigned to it.</summary>
    public static async Task<(HubConnection Connection, AssignmentSet Assignments)> ConnectAsync(
        string name, string credential, Uri hubUri, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(invoker, credential, _ => { }));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(hubUri));
        builder.AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, LinkwatchJsonContext.Default));
        var connection = builder.Build();
        // The hub's keep-alive contract, as the agent keeps it: the server gives up a client silent for PeerTimeout.
        connection.KeepAliveInterval = HubTimeouts.KeepAliveInterval;
        connection.ServerTimeout = HubTimeouts.PeerTimeout;
        try
        {
            // Assignment pushes are not part of the load; a no-op handler keeps the client from complaining.
            connection.On<AssignmentSet>(nameof(IAgentClient.AssignmentsChanged), _ => { });
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CallTimeout);
            await connection.StartAsync(timeout.Token);
            var assignments = await connection.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello),
                new AgentHello { Version = "bench", HostName = name, Addresses = ["127.0.0.1"] }, timeout.Token);
            return (connection, assignments);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
