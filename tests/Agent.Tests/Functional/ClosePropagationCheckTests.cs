using System.Diagnostics;
using System.Net.Sockets;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Functional;

public class ClosePropagationCheckTests
{
    private static Task<CheckOutcome> RunAsync(string target, string? optionsJson = null) =>
        new CheckRunner().RunAsync(Requests.For(CheckKinds.ClosePropagation, target, optionsJson), CancellationToken.None).OrTimeout();

    [Fact]
    public async Task Close_after_300_ms_is_ok_with_a_close_phase_of_about_300_ms()
    {
        await using var server = new TcpTestServer(async (client, ct) =>
        {
            await Task.Delay(300, ct);
            client.Shutdown(SocketShutdown.Both);
        });
        var outcome = await RunAsync(server.Target);
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        var close = Assert.Single(outcome.Attempts).Phases[ClosePropagationProbe.ClosePhase];
        Assert.InRange(close, 250, 2000);
    }

    [Fact]
    public async Task A_reset_counts_as_a_propagated_close()
    {
        await using var server = new TcpTestServer(async (client, ct) =>
        {
            await Task.Delay(100, ct);
            SocketHelpers.Reset(client);
        });
        var outcome = await RunAsync(server.Target);
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
    }

    [Fact]
    public async Task A_peer_that_never_closes_is_close_not_propagated_at_the_deadline()
    {
        await using var server = new TcpTestServer((_, ct) => Task.Delay(Timeout.Infinite, ct));
        var started = Stopwatch.StartNew();
        var outcome = await RunAsync(server.Target, """{"deadline":0.5}""");
        Assert.Equal(Verdicts.CloseNotPropagated, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(4));
        Assert.False(Assert.Single(outcome.Attempts).Phases.ContainsKey(ClosePropagationProbe.ClosePhase));
    }

    [Fact]
    public async Task The_payload_is_sent_and_the_deadline_may_exceed_the_timeout()
    {
        // A peer that closes 2.5 s after the payload, checked with a 1.5 s timeout: the wait for the
        // close is bounded by the deadline, not by the timeout.
        await using var server = new TcpTestServer(async (client, ct) =>
        {
            var buffer = new byte[16];
            var n = await client.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 4)
                await Task.Delay(2500, ct);
            client.Shutdown(SocketShutdown.Both);
        });
        var outcome = await new CheckRunner().RunAsync(
            Requests.For(CheckKinds.ClosePropagation, server.Target, """{"payload":"bye!","deadline":6}""", timeoutSeconds: 1.5),
            CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal(4, attempt.BytesSent);
        Assert.InRange(attempt.Phases[ClosePropagationProbe.ClosePhase], 2400, 5900);
    }
}
