using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Agent.Tests.Functional;

public sealed class ResponderHalfCloseEchoTests : IAsyncLifetime
{
    private readonly ResponderService _responder = new(ResponderOptions.Ephemeral(IPAddress.Loopback), NullLoggerFactory.Instance);
    private int _port;

    public async Task InitializeAsync()
    {
        await _responder.StartAsync(CancellationToken.None).OrTimeout();
        _port = await _responder.HalfClosePort.OrTimeout();
    }

    public Task DisposeAsync() => _responder.StopAsync(CancellationToken.None).OrTimeout();

    [Fact]
    public async Task Half_close_echo_answers_only_after_the_clients_FIN()
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, _port).OrTimeout();
        var payload = RandomNumberGenerator.GetBytes(1000);
        await client.SendAsync(payload, SocketFlags.None).OrTimeout();

        // Nothing may come back while the request is still open.
        Assert.False(client.Poll(TimeSpan.FromMilliseconds(300), SelectMode.SelectRead), "the echo answered before the FIN");

        client.Shutdown(SocketShutdown.Send);
        Assert.Equal(payload, await ReadToEndAsync(client));
    }

    [Fact]
    public async Task Half_close_echo_returns_a_payload_larger_than_it_holds_back_intact()
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, _port).OrTimeout();
        var payload = RandomNumberGenerator.GetBytes(EchoHandlers.HalfCloseHoldLimit + 777_777);
        var reading = ReadToEndAsync(client);
        await client.SendAsync(payload, SocketFlags.None).OrTimeout();
        client.Shutdown(SocketShutdown.Send);
        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(await reading));
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None).OrTimeout()) > 0)
            received.Write(buffer, 0, read);
        return received.ToArray();
    }
}
