using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Linkwatch.Functional.Tests;

/// <summary>
/// A flood of idle TCP connections and anonymous dashboard WebSockets from one address (127.0.0.2; all of 127/8 is
/// loopback) against the real server started with a low open-file limit (1,024, as many systems default to): the
/// server stays up, refuses the flood, and an agent and a signed-in person on 127.0.0.1 are still served.
/// </summary>
public sealed class ConnectionFloodTests : IAsyncLifetime
{
    private const int DescriptorLimit = 1024;
    private const int IdleConnections = 3000;
    private const int WebSockets = 600;
    private static readonly IPAddress Flooder = IPAddress.Parse("127.0.0.2");
    private readonly TempDirectory _temp = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(_temp.Sub("server"),
        launcher: ["prlimit", $"--nofile={DescriptorLimit}:{DescriptorLimit}", "--"]);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_flood_of_idle_connections_and_WebSockets_from_one_address_is_refused_while_an_agent_and_a_signed_in_person_are_served()
    {
        using var api = _server.CreateApiClient();
        var checkId = await api.CreateCheckAsync(new { name = "flooded", kind = "tcp", target = "flood.lan:80", intervalSeconds = 5 });
        var credential = await EnrollAsync("steady");
        var second = await EnrollAsync("late");
        using var agent = await RawAgent.ConnectAsync(HubUri, credential);
        using var person = await _server.SignInAsync();
        Assert.Contains("open-file limit 1024", _server.Process.Output);

        var idle = new List<Socket>();
        var sockets = new List<ClientWebSocket>();
        using var flooderHandler = new SocketsHttpHandler { ConnectCallback = ConnectFromFlooderAsync };
        using var flooderInvoker = new HttpMessageInvoker(flooderHandler);
        try
        {
            using (var flood = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                for (var i = 0; i < IdleConnections; i += 200)
                    idle.AddRange((await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => TryConnectAsync(flood.Token)))).OfType<Socket>());
                for (var i = 0; i < WebSockets; i += 100)
                {
                    sockets.AddRange((await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
                        TryWebSocketAsync(flooderInvoker, flood.Token)))).OfType<ClientWebSocket>());
                }
            }

            // With the flood still holding all it could get: the server is up and serves the credentialed.
            Assert.False(_server.Process.HasExited, "the server exited:\n" + _server.Process.Output);
            var result = Result(checkId);
            var ack = await agent.InvokeAsync("SubmitResults", $"[[{result.Json}]]");
            Assert.Contains(result.Id, ack);
            using var late = await RawAgent.ConnectAsync(HubUri, second);
            Assert.Contains("\"checks\"", await late.InvokeAsync("Hello", "[{\"version\":\"1\"}]"));
            Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/")).StatusCode);
            using var newcomer = await _server.SignInAsync();
            Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/")).StatusCode);

            var metrics = await api.GetStringAsync("/metrics");
            var refused = long.Parse(System.Text.RegularExpressions.Regex.Match(metrics, @"linkwatch_connections_refused_total\{reason=""address""\} (\d+)").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            // Of 3,600 attempts, one address holds at most 256 places and 64 waiting: the rest were refused.
            Assert.True(refused >= IdleConnections + WebSockets - 256 - 64 - 100, $"only {refused} refused\n{metrics}");
            Assert.Single(_server.Process.Output.Split('\n'), l => l.Contains("Refusing new connections: the address limit is reached", StringComparison.Ordinal));
            Assert.DoesNotContain("Out of memory", _server.Process.Output, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var socket in idle)
                socket.Dispose();
            foreach (var socket in sockets)
                socket.Dispose();
        }
    }

    private Uri HubUri => new(_server.BaseUrl.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + Linkwatch.Shared.HubPaths.Agent.TrimStart('/'));

    private async Task<Socket?> TryConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(Flooder, 0));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _server.BaseUrl.Port), timeout.Token);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }

    private async Task<ClientWebSocket?> TryWebSocketAsync(HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(8));
            var uri = new Uri(_server.BaseUrl.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "_blazor");
            await socket.ConnectAsync(uri, invoker, timeout.Token);
            return socket;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException or IOException)
        {
            socket.Dispose();
            return null;
        }
    }

    private static async ValueTask<Stream> ConnectFromFlooderAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(Flooder, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static (string Id, string Json) Result(long checkId)
    {
        var id = Guid.CreateVersion7().ToString();
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        return (id, $"{{\"id\":\"{id}\",\"checkId\":{checkId},\"startedAt\":\"{startedAt}\",\"outcome\":{{\"kind\":\"tcp\",\"target\":\"flood.lan:80\",\"status\":\"up\",\"verdict\":\"ok\",\"attempts\":[]}}}}");
    }

    private Task<string> EnrollAsync(string name) => Api.EnrollAsync(_server.BaseUrl, name);

    /// <summary>An agent on the hub's JSON protocol over a plain WebSocket from 127.0.0.1: handshake, invocations, pings ignored.</summary>
    private sealed class RawAgent : IDisposable
    {
        private const char Separator = '\u001e';
        private readonly ClientWebSocket _socket;
        private int _invocation;

        private RawAgent(ClientWebSocket socket) => _socket = socket;

        public static async Task<RawAgent> ConnectAsync(Uri hub, string credential)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + credential);
            await socket.ConnectAsync(hub, CancellationToken.None).WaitAsync(TestTimeouts.Await);
            var agent = new RawAgent(socket);
            await agent.SendAsync("{\"protocol\":\"json\",\"version\":1}");
            Assert.Equal("{}", await agent.NextAsync());
            return agent;
        }

        /// <summary>Invokes <paramref name="target"/> and returns its completion message.</summary>
        public async Task<string> InvokeAsync(string target, string argumentsJson)
        {
            var id = (++_invocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await SendAsync($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":{argumentsJson}}}");
            while (true)
            {
                var message = await NextAsync();
                var node = JsonNode.Parse(message)!;
                if (node["type"]!.GetValue<int>() == 3 && node["invocationId"]?.GetValue<string>() == id)
                    return message;
            }
        }

        private async Task SendAsync(string message) =>
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TestTimeouts.Await);

        private readonly Queue<string> _pending = new();

        private async Task<string> NextAsync()
        {
            while (true)
            {
                while (_pending.TryDequeue(out var queued))
                {
                    if (!queued.StartsWith("{\"type\":6", StringComparison.Ordinal))
                        return queued;
                }
                var buffer = new byte[256 * 1024];
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TestTimeouts.Await);
                    Assert.NotEqual(WebSocketMessageType.Close, received.MessageType);
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage);
                foreach (var record in Encoding.UTF8.GetString(message.ToArray()).Split(Separator, StringSplitOptions.RemoveEmptyEntries))
                    _pending.Enqueue(record);
            }
        }

        public void Dispose() => _socket.Dispose();
    }
}
