using System.Net;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Agent.Tests.Functional;

public class WebSocketCheckTests
{
    private static Task<CheckOutcome> RunAsync(string url, string? optionsJson = null, double timeoutSeconds = 10,
        string family = Families.Auto) =>
        new CheckRunner().RunAsync(Requests.For(CheckKinds.WebSocket, url, optionsJson, timeoutSeconds, family),
            CancellationToken.None).OrTimeout();

    [Fact]
    public async Task WebSocket_upgrade_and_echo_against_kestrel_is_ok_with_phases_and_byte_counts()
    {
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.Echo);
        var outcome = await RunAsync($"ws://127.0.0.1:{server.Port}/ws", """{"echo":true,"compareHttp":true}""");

        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        Assert.Equal(Statuses.Up, outcome.Status);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal("127.0.0.1", attempt.Address);
        Assert.Equal([Phases.Connect, Phases.FirstByte, Phases.Total], attempt.Phases.Keys);
        Assert.True(attempt.BytesSent > "linkwatch-ping".Length);
        Assert.True(attempt.BytesReceived > "linkwatch-ping".Length);
        Assert.Null(attempt.Error);
    }

    [Fact]
    public async Task WebSocket_404_while_http_works_with_compare_http_is_http_ws_divergence()
    {
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.NotFound);
        var outcome = await RunAsync($"ws://127.0.0.1:{server.Port}/ws", """{"compareHttp":true}""");

        Assert.Equal(Verdicts.HttpWsDivergence, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
        // Both sides are in the message: what the WebSocket got and what HTTP got.
        Assert.Contains("upgrade_failed", outcome.Message);
        Assert.Contains("HTTP status 404", outcome.Message);
        Assert.Contains($"HTTP GET http://127.0.0.1:{server.Port}/ws via 127.0.0.1: status 404", outcome.Message);
    }

    [Fact]
    public async Task WebSocket_404_without_compare_http_is_upgrade_failed_naming_the_status()
    {
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.NotFound);
        var outcome = await RunAsync($"ws://127.0.0.1:{server.Port}/ws");

        Assert.Equal(Verdicts.UpgradeFailed, outcome.Verdict);
        Assert.Contains("HTTP status 404", outcome.Message);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Contains(Phases.FirstByte, attempt.Phases.Keys);
    }

    [Fact]
    public async Task WebSocket_server_that_answers_with_other_text_is_echo_mismatch()
    {
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.ReplyOtherText);
        var outcome = await RunAsync($"ws://127.0.0.1:{server.Port}/ws", """{"echo":true}""");

        Assert.Equal(Verdicts.EchoMismatch, outcome.Verdict);
        Assert.Contains("'something else' does not contain 'linkwatch-ping'", outcome.Message);
    }

    [Fact]
    public async Task WebSocket_expect_without_echo_checks_the_reply()
    {
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.ReplyOtherText);
        var outcome = await RunAsync($"ws://127.0.0.1:{server.Port}/ws", """{"payload":"hello","expect":"else"}""");
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
    }

    [Fact]
    public async Task WebSocket_to_a_closed_port_is_connect_refused_and_with_compare_http_stays_so()
    {
        var port = Listeners.ClosedPort(IPAddress.Loopback);
        var outcome = await RunAsync($"ws://127.0.0.1:{port}/ws");
        Assert.Equal(Verdicts.ConnectRefused, outcome.Verdict);

        // Both sides fail alike: no divergence, the WebSocket's verdict with HTTP's noted.
        var compared = await RunAsync($"ws://127.0.0.1:{port}/ws", """{"compareHttp":true}""");
        Assert.Equal(Verdicts.ConnectRefused, compared.Verdict);
        Assert.Contains($"HTTP GET http://127.0.0.1:{port}/ws via 127.0.0.1: connect_refused", compared.Message);
    }

    [Fact]
    public async Task Wss_with_insecure_against_a_self_signed_server_is_ok_with_a_tls_phase()
    {
        using var certificate = TestCertificates.Valid();
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.Echo, certificate);
        var url = $"wss://127.0.0.1:{server.Port}/ws";

        var rejected = await RunAsync(url);
        Assert.Equal(Verdicts.CertInvalid, rejected.Verdict);

        var outcome = await RunAsync(url, """{"insecure":true,"echo":true,"compareHttp":true}""");
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        Assert.Equal([Phases.Connect, Phases.Tls, Phases.FirstByte, Phases.Total], Assert.Single(outcome.Attempts).Phases.Keys);
    }

    [Fact]
    public async Task WebSocket_family_both_runs_one_attempt_per_family_through_the_runner()
    {
        // The server listens on 127.0.0.1 only: IPv6 fails if localhost has ::1 here, or has no address.
        await using var server = await WebSocketTestServer.StartAsync(WebSocketBehavior.Echo);
        var outcome = await RunAsync($"ws://localhost:{server.Port}/ws", """{"echo":true}""", family: Families.Both);
        Assert.Equal(2, outcome.Attempts.Count);
        var v4 = Assert.Single(outcome.Attempts, a => a.Family == Families.Ipv4);
        Assert.Equal(Verdicts.Ok, v4.Verdict);
        var v6 = Assert.Single(outcome.Attempts, a => a.Family == Families.Ipv6);
        Assert.Equal(v6.Verdict == Verdicts.NoAddress ? Verdicts.Ok : Verdicts.Ipv6Failing, outcome.Verdict);
    }

    [Fact]
    public async Task Responder_websocket_echo_answers_the_probe_and_a_plain_get_with_426()
    {
        var responder = new ResponderService(ResponderOptions.Ephemeral(IPAddress.Loopback), NullLoggerFactory.Instance);
        await responder.StartAsync(CancellationToken.None).OrTimeout();
        try
        {
            var port = await responder.WebSocketEchoPort.OrTimeout();
            var outcome = await RunAsync($"ws://127.0.0.1:{port}/any/path", """{"echo":true,"payload":"hello responder","compareHttp":true}""");
            Assert.Equal(Verdicts.Ok, outcome.Verdict);

            using var http = new HttpClient { Timeout = TestTimeouts.Await };
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/").OrTimeout();
            Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        }
        finally
        {
            await responder.StopAsync(CancellationToken.None).OrTimeout();
        }
    }

    [Fact]
    public async Task Responder_websocket_echo_closes_a_message_over_64_KiB_with_1009()
    {
        var responder = new ResponderService(ResponderOptions.Ephemeral(IPAddress.Loopback), NullLoggerFactory.Instance);
        await responder.StartAsync(CancellationToken.None).OrTimeout();
        try
        {
            var port = await responder.WebSocketEchoPort.OrTimeout();
            using var client = new System.Net.WebSockets.ClientWebSocket();
            await client.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"), CancellationToken.None).OrTimeout();
            await client.SendAsync(new byte[WebSocketEcho.MaxMessageBytes + 1], System.Net.WebSockets.WebSocketMessageType.Binary,
                true, CancellationToken.None).OrTimeout();
            var buffer = new byte[1024];
            System.Net.WebSockets.WebSocketReceiveResult received;
            do
                received = await client.ReceiveAsync(buffer, CancellationToken.None).OrTimeout();
            while (received.MessageType != System.Net.WebSockets.WebSocketMessageType.Close);
            Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig, received.CloseStatus);
        }
        finally
        {
            await responder.StopAsync(CancellationToken.None).OrTimeout();
        }
    }
}
