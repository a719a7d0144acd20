using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests;

/// <summary>Requests the server cannot use get a problem with the client's status, never a 500.</summary>
public sealed class RequestFaultsTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        // Kestrel's limit is 30,000,000 bytes. The server answers as soon as it knows and closes, so the request is
        // written by hand: the head announces one byte more, and the answer is read before the body is sent.
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port).WaitAsync(TestServer.Timeout);
        var stream = client.GetStream();
        var head = $"POST /api/checks HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\nAuthorization: Bearer {TestServer.ApiKey}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 30000001\r\n\r\n{\"name\":\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).AsTask().WaitAsync(TestServer.Timeout);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TestServer.Timeout);
        var answer = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 413", answer);
        Assert.Contains("application/problem+json", answer);
    }

    [Theory]
    [InlineData("not a time")]
    [InlineData("2026-12-01T10:00:00+99:00")]
    [InlineData("2026-13-45T10:00:00Z")]
    public async Task An_unreadable_time_in_a_body_is_a_400_naming_the_field(string until)
    {
        using var response = await _server.Api.PostAsJsonAsync("/api/silences", new { checkId = 1, until });
        await ProblemAssert.NamesFieldAsync(response, "until");
    }

    [Theory]
    [InlineData("not a time")]
    [InlineData("2026-12-01T10:00:00+99:00")]
    public async Task An_unreadable_time_in_a_query_is_a_400_naming_it(string from)
    {
        using var response = await _server.Api.GetAsync($"/api/results?from={Uri.EscapeDataString(from)}");
        await ProblemAssert.NamesFieldAsync(response, "from");
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/login")]
    [InlineData("/api/checks")]
    public async Task Every_answer_forbids_framing_and_sniffing(string path)
    {
        using var response = await _server.Api.GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_page_runs_only_scripts_from_the_server_and_its_import_map_by_a_fresh_nonce()
    {
        using var first = await _server.Api.GetAsync("/login");
        using var second = await _server.Api.GetAsync("/login");
        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(policy, "script-src 'self' 'nonce-([A-Za-z0-9_-]{24})'(;|$)").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // Every inline script on the page carries that nonce; every other one is loaded from this server.
        var html = await first.Content.ReadAsStringAsync();
        var scripts = Regex.Matches(html, "<script(?<attributes>[^>]*)>").Select(m => m.Groups["attributes"].Value).ToList();
        Assert.Contains(scripts, a => a.Contains("type=\"importmap\"", StringComparison.Ordinal) && a.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal));
        Assert.All(scripts, a => Assert.True(a.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal)
            || Regex.IsMatch(a, "src=\"(?!https?:|//)[^\"]+\""), $"<script{a}> would not run"));
    }
}
