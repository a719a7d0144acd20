using Linkwatch.Lab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Linkwatch.Lab.Tests;

/// <summary>
/// The half-close failure with a real proxy: nginx's stream module forwards the client's FIN upstream
/// and keeps the reply direction open only with <c>proxy_half_close on</c>; with it off (the default)
/// it ends the whole session when the client's FIN arrives. Each check runs over both families
/// through the name proxy.lab, so nginx's IPv4 and IPv6 listeners are both exercised.
/// </summary>
public sealed class HalfCloseThroughNginxTests(NginxStreamLab fixture) : IClassFixture<NginxStreamLab>
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
    public async Task Large_transfer_through_nginx_with_proxy_half_close_off_is_response_lost()
    {
        // The responder's half-close echo answers only after our FIN, and nginx ends the session
        // when that FIN arrives: "large transfers were cut", every time, not by a race.
        var result = await Lab.CheckAsync("half-close", $"proxy.lab:{NginxStreamLab.EchoHalfCloseOff}",
            "--family", "both", "--timeout", "20");

        result.ShouldBe("response_lost", "down")
            .AttemptShouldBe("ipv4", "response_lost")
            .AttemptShouldBe("ipv6", "response_lost");
        Assert.All(result.Attempts, a =>
        {
            Assert.Equal(DefaultPayloadBytes, a.GetProperty("bytesSent").GetInt64());
            Assert.Equal(0, a.GetProperty("bytesReceived").GetInt64());
        });
    }
}
