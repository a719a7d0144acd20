using Linkwatch.Lab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Linkwatch.Lab.Tests;

/// <summary>
/// Story 3 of DESIGN.md with a real proxy: nginx's stream module forwards the client's FIN upstream
/// and keeps the reply direction open only with <c>proxy_half_close on</c>; with it off (the default)
/// it ends the whole session when the client's FIN arrives. Each check runs over both families
/// through the name proxy.lab, so nginx's IPv4 and IPv6 listeners are both exercised.
/// </summary>
public sealed class HalfCloseThroughNginxTests(NginxStreamLab fixture, ITestOutputHelper output) : IClassFixture<NginxStreamLab>
{
    private const string Payload = "linkwatch-lab-request";
    private const int DefaultPayloadBytes = 1024 * 1024;

    private NetLab Lab => fixture.Lab;

    [LabFact]
    public async Task HalfClose_through_nginx_with_proxy_half_close_on_reports_ok()
    {
        var result = await Lab.CheckAsync("half-close", $"proxy.lab:{NginxStreamLab.ReplyAfterEofHalfCloseOn}",
            "--family", "both", "--payload", Payload, "--expect", Payload, "--timeout", "20");

        result.ShouldBe("ok", "up")
            .AttemptShouldBe("ipv4", "ok", NetLab.ServerV4)
            .AttemptShouldBe("ipv6", "ok", NetLab.ServerV6);
    }

    [LabFact]
    public async Task HalfClose_through_nginx_with_proxy_half_close_off_reports_response_lost()
    {
        // The service answers only after our FIN, and by then nginx has closed both sides: nothing
        // comes back, and the close is a FIN (not a reset), so this is response_lost.
        var result = await Lab.CheckAsync("half-close", $"proxy.lab:{NginxStreamLab.ReplyAfterEofHalfCloseOff}",
            "--family", "both", "--payload", Payload, "--expect", Payload, "--timeout", "20");

        result.ShouldBe("response_lost", "down")
            .AttemptShouldBe("ipv4", "response_lost", NetLab.ServerV4)
            .AttemptShouldBe("ipv6", "response_lost", NetLab.ServerV6);
        Assert.All(result.Attempts, a => Assert.Equal(0, a.GetProperty("bytesReceived").GetInt64()));
    }

    [LabFact]
    public async Task Large_transfer_through_nginx_with_proxy_half_close_on_comes_back_whole()
    {
        var result = await Lab.CheckAsync("half-close", $"proxy.lab:{NginxStreamLab.EchoHalfCloseOn}",
            "--family", "both", "--timeout", "20");

        result.ShouldBe("ok", "up")
            .AttemptShouldBe("ipv4", "ok")
            .AttemptShouldBe("ipv6", "ok");
        Assert.All(result.Attempts, a => Assert.Equal(DefaultPayloadBytes, a.GetProperty("bytesReceived").GetInt64()));
    }

    [LabFact]
    public async Task Large_transfer_through_nginx_with_proxy_half_close_off_is_cut()
    {
        // The echo answers while the 1 MiB is still being sent, and nginx ends the session when our
        // FIN arrives: "large transfers were cut". How much of the echo got through nginx before
        // that is a race between its two directions: usually part of it (response_truncated), but
        // under load it has also read our whole request and FIN before any of the echo (seen:
        // "bytes from/to client:1048576/0"), which is response_lost. Both are the product's
        // definitions of the same breakage; a whole reply never comes back.
        var result = await Lab.CheckAsync("half-close", $"proxy.lab:{NginxStreamLab.EchoHalfCloseOff}",
            "--family", "both", "--timeout", "20");

        // Which of the two it was is worth seeing in the test log.
        output.WriteLine(result.Run.StandardOutput.Trim());
        string[] cut = ["response_truncated", "response_lost"];
        Assert.True(cut.Contains(result.Verdict) && result.Status == "down" && result.ExitCode == 2,
            $"expected response_truncated or response_lost, down, exit 2:\n{result}");
        Assert.All(result.Attempts, a =>
        {
            Assert.Contains(a.GetProperty("verdict").GetString(), cut);
            Assert.Equal(DefaultPayloadBytes, a.GetProperty("bytesSent").GetInt64());
            Assert.InRange(a.GetProperty("bytesReceived").GetInt64(), 0, DefaultPayloadBytes - 1);
        });
    }
}
