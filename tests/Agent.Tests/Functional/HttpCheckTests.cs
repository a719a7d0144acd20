using System.Text.Json;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Functional;

public class HttpCheckTests
{
    private static CheckRequest Http(string url, string? optionsJson = null, double timeoutSeconds = 5) =>
        new(CheckKinds.Http, url, Families.Auto, TimeSpan.FromSeconds(timeoutSeconds),
            optionsJson is null ? new Dictionary<string, JsonElement>() : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(optionsJson)!);

    [Fact]
    public async Task Http_200_with_the_expected_body_is_ok_with_phases_and_byte_counts()
    {
        await using var server = new TinyHttpServer(200, "status: healthy");
        var outcome = await new CheckRunner().RunAsync(
            Http($"http://127.0.0.1:{server.Port}/health", """{"expectBody":"healthy"}"""), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal("127.0.0.1", attempt.Address);
        Assert.Contains(Phases.Connect, attempt.Phases.Keys);
        Assert.Contains(Phases.FirstByte, attempt.Phases.Keys);
        Assert.Contains(Phases.Total, attempt.Phases.Keys);
        Assert.DoesNotContain(Phases.Tls, attempt.Phases.Keys);
        Assert.Equal(Phases.Total, attempt.Phases.Keys.Last());
        Assert.True(attempt.BytesSent > 0);
        Assert.True(attempt.BytesReceived > 0);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Http_redirect_counts_as_ok_by_default()
    {
        await using var server = new TinyHttpServer(302, "");
        var outcome = await new CheckRunner().RunAsync(Http($"http://127.0.0.1:{server.Port}/"), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
    }

    [Fact]
    public async Task Http_500_is_status_mismatch_and_down()
    {
        await using var server = new TinyHttpServer(500, "oops");
        var outcome = await new CheckRunner().RunAsync(Http($"http://127.0.0.1:{server.Port}/"), CancellationToken.None).OrTimeout();
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.Equal(Verdicts.StatusMismatch, outcome.Verdict);
        Assert.Contains("status 500", outcome.Message);
    }

    [Fact]
    public async Task Http_status_other_than_expect_status_is_status_mismatch()
    {
        await using var server = new TinyHttpServer(200, "ok");
        var outcome = await new CheckRunner().RunAsync(
            Http($"http://127.0.0.1:{server.Port}/", """{"expectStatus":204}"""), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.StatusMismatch, outcome.Verdict);
        Assert.Contains("expected 204", outcome.Message);
    }

    [Fact]
    public async Task Http_body_without_the_expected_text_is_body_mismatch()
    {
        await using var server = new TinyHttpServer(200, "status: degraded");
        var outcome = await new CheckRunner().RunAsync(
            Http($"http://127.0.0.1:{server.Port}/", """{"expectBody":"healthy"}"""), CancellationToken.None).OrTimeout();
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.Equal(Verdicts.BodyMismatch, outcome.Verdict);
    }

    [Fact]
    public async Task Http_to_a_closed_port_is_connect_refused()
    {
        var port = Listeners.ClosedPort(System.Net.IPAddress.Loopback);
        var outcome = await new CheckRunner().RunAsync(Http($"http://127.0.0.1:{port}/"), CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.ConnectRefused, outcome.Verdict);
    }

    [Fact]
    public async Task Http_server_that_never_answers_is_timeout_within_the_deadline()
    {
        var listener = Listeners.Start(System.Net.IPAddress.Loopback);
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var outcome = await new CheckRunner().RunAsync(
                Http($"http://127.0.0.1:{Listeners.PortOf(listener)}/", timeoutSeconds: 0.5), CancellationToken.None).OrTimeout();
            Assert.Equal(Verdicts.Timeout, outcome.Verdict);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"took {started.Elapsed}");
        }
        finally
        {
            listener.Stop();
        }
    }
}
