using System.Net;
using System.Net.Sockets;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds.HalfClose;

namespace Linkwatch.Agent.Tests.Functional;

public class HalfCloseCheckTests
{
    private static Task<CheckOutcome> RunAsync(string target, string? optionsJson = null, double timeoutSeconds = 5) =>
        new CheckRunner().RunAsync(Requests.For(CheckKinds.HalfClose, target, optionsJson, timeoutSeconds), CancellationToken.None).OrTimeout();

    [Fact]
    public async Task HalfClose_against_the_responder_echo_is_ok_with_a_megabyte_back()
    {
        await using var echo = new TcpTestServer(EchoHandlers.EchoAsync);
        var outcome = await RunAsync(echo.Target);
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal(HalfCloseOptions.DefaultPayloadBytes, attempt.BytesSent);
        Assert.Equal(HalfCloseOptions.DefaultPayloadBytes, attempt.BytesReceived);
        Assert.Equal([Phases.Connect, Phases.FirstByte, Phases.Total], attempt.Phases.Keys);
    }

    [Fact]
    public async Task HalfClose_with_expect_is_ok_when_the_reply_contains_the_text()
    {
        await using var echo = new TcpTestServer(EchoHandlers.EchoAsync);
        var outcome = await RunAsync(echo.Target, """{"payload":"hello half-close","expect":"half"}""");
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        var wrong = await RunAsync(echo.Target, """{"payload":"hello","expect":"bye"}""");
        Assert.Equal(Verdicts.ResponseCorrupted, wrong.Verdict);
    }

    [Fact]
    public async Task HalfClose_through_proxy_that_closes_on_fin_reports_response_lost()
    {
        await using var upstream = new TcpTestServer(ReplyAfterEofAsync);
        await using var proxy = new TcpTestServer((client, ct) => DropOnFinProxyAsync(client, upstream.Port, reset: false, ct));
        var outcome = await RunAsync(proxy.Target);
        Assert.Equal(Verdicts.ResponseLost, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.Equal(0, Assert.Single(outcome.Attempts).BytesReceived);
    }

    [Fact]
    public async Task HalfClose_through_proxy_that_resets_on_fin_reports_reset_after_half_close()
    {
        await using var upstream = new TcpTestServer(ReplyAfterEofAsync);
        await using var proxy = new TcpTestServer((client, ct) => DropOnFinProxyAsync(client, upstream.Port, reset: true, ct));
        var outcome = await RunAsync(proxy.Target);
        Assert.Equal(Verdicts.ResetAfterHalfClose, outcome.Verdict);
        Assert.Equal(HalfCloseOptions.DefaultPayloadBytes, Assert.Single(outcome.Attempts).BytesSent);
    }

    [Fact]
    public async Task HalfClose_against_a_server_that_echoes_half_reports_response_truncated()
    {
        await using var server = new TcpTestServer(async (client, ct) =>
        {
            var all = await SocketHelpers.ReadToEndAsync(client, ct);
            await client.SendAsync(all.AsMemory(0, all.Length / 2), SocketFlags.None, ct);
            client.Shutdown(SocketShutdown.Send);
        });
        var outcome = await RunAsync(server.Target);
        Assert.Equal(Verdicts.ResponseTruncated, outcome.Verdict);
        Assert.Equal(HalfCloseOptions.DefaultPayloadBytes / 2, Assert.Single(outcome.Attempts).BytesReceived);
        Assert.Contains("524288 of 1048576", outcome.Message);
    }

    [Fact]
    public async Task HalfClose_against_a_server_that_flips_a_byte_reports_response_corrupted()
    {
        await using var server = new TcpTestServer(async (client, ct) =>
        {
            var all = await SocketHelpers.ReadToEndAsync(client, ct);
            all[all.Length / 3] ^= 0x20;
            await client.SendAsync(all, SocketFlags.None, ct);
            client.Shutdown(SocketShutdown.Send);
        });
        var outcome = await RunAsync(server.Target, """{"payloadBytes":100000}""");
        Assert.Equal(Verdicts.ResponseCorrupted, outcome.Verdict);
        Assert.Equal(100000, Assert.Single(outcome.Attempts).BytesReceived);
    }

    [Fact]
    public async Task HalfClose_against_a_server_that_never_closes_is_a_timeout()
    {
        await using var server = new TcpTestServer(async (client, ct) =>
        {
            await SocketHelpers.ReadToEndAsync(client, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var outcome = await RunAsync(server.Target, """{"payload":"x"}""", timeoutSeconds: 2);
        Assert.Equal(Verdicts.Timeout, outcome.Verdict);
    }

    [Fact]
    public async Task HalfClose_to_a_closed_port_is_connect_refused()
    {
        var outcome = await RunAsync($"127.0.0.1:{Listeners.ClosedPort(IPAddress.Loopback)}");
        Assert.Equal(Verdicts.ConnectRefused, outcome.Verdict);
    }

    /// <summary>A request/response server: answers with everything it got, but only after the client's FIN.</summary>
    private static async Task ReplyAfterEofAsync(Socket client, CancellationToken cancellationToken)
    {
        var all = await SocketHelpers.ReadToEndAsync(client, cancellationToken);
        await client.SendAsync(all, SocketFlags.None, cancellationToken);
        client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>The broken middlebox: forwards both ways, but tears down both connections at the client's FIN.</summary>
    private static async Task DropOnFinProxyAsync(Socket client, int upstreamPort, bool reset, CancellationToken cancellationToken)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, upstreamPort), cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var back = PumpAsync(upstream, client, stop.Token);
        await PumpAsync(client, upstream, stop.Token);
        // The client's FIN arrived: instead of passing it on, drop everything.
        await stop.CancelAsync();
        await back.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        if (reset)
            SocketHelpers.Reset(client);
        else
            client.Close();
        upstream.Close();
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
    }
}
