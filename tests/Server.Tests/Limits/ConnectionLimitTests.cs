using System.Net;
using System.Net.Sockets;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Linkwatch.Server.Tests.Limits;

/// <summary>
/// Anonymous connections are capped per address on the real Kestrel listener; connections that authenticate are
/// not. The flooder connects from 127.0.0.2 (all of 127/8 is loopback), the agents from 127.0.0.1.
/// </summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private const int PerAddress = 5;
    private static readonly IPAddress Flooder = IPAddress.Parse("127.0.0.2");
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Limits:AnonymousConnectionsPerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:AnonymousQueueSeconds"] = "1",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Idle_connections_past_an_addresses_anonymous_limit_are_closed_and_counted_while_that_address_is_refused()
    {
        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < 4 * PerAddress; i++)
                idle.Add(await ConnectFromAsync(Flooder));

            var closed = await Task.WhenAll(idle.Select(ClosedByServerAsync));

            // The first ones hold the address's places; the rest were closed at once or after a second in the queue.
            Assert.Equal(3 * PerAddress, closed.Count(c => c));
            var metrics = await _server.Api.GetStringAsync("/metrics");
            Assert.Matches(@"linkwatch_connections_refused_total\{reason=""address""\} 15\b", metrics);
            Assert.Matches(@"linkwatch_connections_open\{state=""anonymous""\} [5-9]\b", metrics);
            Assert.Single(_server.Logs.Messages, m => m.Contains("Refusing new connections: the address limit is reached", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var socket in idle)
                socket.Dispose();
        }
    }

    [Fact]
    public async Task Agents_from_one_address_are_many_more_than_its_anonymous_limit_and_all_get_in()
    {
        var credentials = new List<string>();
        for (var i = 0; i < 4 * PerAddress; i++)
            credentials.Add(await _server.EnrollAsync($"fleet-{i}"));

        // A few at a time, as a fleet behind one address starts: each is anonymous only until its request authenticates.
        var agents = new System.Collections.Concurrent.ConcurrentBag<HubConnection>();
        await Parallel.ForEachAsync(credentials, new ParallelOptions { MaxDegreeOfParallelism = PerAddress - 1 },
            async (credential, _) => agents.Add(await _server.ConnectAgentAsync(credential))).WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            var sets = await Task.WhenAll(agents.Select(a => a.InvokeAsync<AssignmentSet>(nameof(IAgentHub.Hello), new AgentHello { Version = "1" }))).OrTimeout();
            Assert.Equal(4 * PerAddress, sets.Length);
            Assert.All(agents, a => Assert.Equal(HubConnectionState.Connected, a.State));
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }

    private async Task<Socket> ConnectFromAsync(IPAddress source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _server.BaseAddress.Port)).OrTimeout();
        return socket;
    }

    /// <summary>True when the server closes the idle connection within a few seconds, false when it keeps it open.</summary>
    private static async Task<bool> ClosedByServerAsync(Socket socket)
    {
        var buffer = new byte[1];
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
