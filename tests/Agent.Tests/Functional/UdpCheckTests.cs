using System.Net;
using System.Text;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds.Udp;

namespace Linkwatch.Agent.Tests.Functional;

public class UdpCheckTests
{
    private static Task<CheckOutcome> RunAsync(string target, string? optionsJson = null, double timeoutSeconds = 5) =>
        new CheckRunner().RunAsync(Requests.For(CheckKinds.Udp, target, optionsJson, timeoutSeconds), CancellationToken.None).OrTimeout();

    [Fact]
    public async Task Udp_against_the_responder_echo_is_ok()
    {
        using var stop = new CancellationTokenSource();
        var echo = new UdpEchoListener(IPAddress.Loopback, 0, 50, new CapturingLogger());
        var running = echo.RunAsync(stop.Token);
        var port = await echo.Bound.OrTimeout();
        var outcome = await RunAsync($"127.0.0.1:{port}", """{"expect":"linkwatch"}""");
        await stop.CancelAsync();
        await running.OrTimeout();

        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal(UdpOptions.DefaultPayload.Length, attempt.BytesSent);
        Assert.Equal(UdpOptions.DefaultPayload.Length, attempt.BytesReceived);
        Assert.Contains(Phases.FirstByte, attempt.Phases.Keys);
    }

    [Fact]
    public async Task Udp_to_a_closed_port_is_port_unreachable()
    {
        var outcome = await RunAsync($"127.0.0.1:{UdpTestServer.ClosedPort()}");
        Assert.Equal(Verdicts.PortUnreachable, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
    }

    [Fact]
    public async Task Udp_to_a_silent_socket_is_no_response()
    {
        await using var silent = new UdpTestServer(_ => null);
        var outcome = await RunAsync(silent.Target, timeoutSeconds: 0.5);
        Assert.Equal(Verdicts.NoResponse, outcome.Verdict);
    }

    [Fact]
    public async Task Udp_with_a_reply_missing_the_expected_text_is_response_mismatch()
    {
        await using var wrong = new UdpTestServer(_ => Encoding.UTF8.GetBytes("something else"));
        var outcome = await RunAsync(wrong.Target, """{"payload":"ping","expect":"pong"}""");
        Assert.Equal(Verdicts.ResponseMismatch, outcome.Verdict);
        var accepted = await RunAsync(wrong.Target, """{"payload":"ping"}""");
        Assert.Equal(Verdicts.Ok, accepted.Verdict);
    }
}
