using System.Text.Json;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Functional;

public class DnsCheckTests
{
    private static Task<CheckOutcome> RunAsync(string name, object options, double timeoutSeconds = 5) =>
        new CheckRunner().RunAsync(Requests.For(CheckKinds.Dns, name, JsonSerializer.Serialize(options), timeoutSeconds),
            CancellationToken.None).OrTimeout();

    [Theory]
    [InlineData("a.test", "ok")]
    [InlineData("nx.test", "nxdomain")]
    [InlineData("fail.test", "servfail")]
    [InlineData("refuse.test", "refused")]
    [InlineData("empty.test", "no_answer")]
    public async Task Dns_over_udp_reports_the_server_answer(string name, string verdict)
    {
        await using var server = new TinyDnsServer();
        var outcome = await RunAsync(name, new { server = server.Server });
        Assert.Equal(verdict, outcome.Verdict);
        Assert.Equal(0, server.TcpQueries);
        var attempt = Assert.Single(outcome.Attempts);
        Assert.Equal("127.0.0.1", attempt.Address);
        Assert.Contains(Phases.FirstByte, attempt.Phases.Keys);
    }

    [Fact]
    public async Task Dns_expect_must_equal_one_answer()
    {
        await using var server = new TinyDnsServer();
        Assert.Equal(Verdicts.Ok, (await RunAsync("a.test", new { server = server.Server, expect = "192.0.2.1" })).Verdict);
        var wrong = await RunAsync("a.test", new { server = server.Server, expect = "192.0.2.99" });
        Assert.Equal(Verdicts.AnswerMismatch, wrong.Verdict);
        Assert.Contains("192.0.2.1", wrong.Message);
    }

    [Fact]
    public async Task Dns_truncated_udp_answer_is_retried_over_tcp()
    {
        await using var server = new TinyDnsServer();
        var outcome = await RunAsync("big.test", new { server = server.Server, expect = "192.0.2.7" });
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        Assert.Equal(1, server.TcpQueries);
        Assert.Contains(Phases.Connect, Assert.Single(outcome.Attempts).Phases.Keys);
    }

    [Fact]
    public async Task Dns_truncated_answer_without_a_working_tcp_is_truncated()
    {
        await using var server = new TinyDnsServer(serveTcp: false);
        var outcome = await RunAsync("big.test", new { server = server.Server });
        Assert.Equal(Verdicts.Truncated, outcome.Verdict);
    }

    [Fact]
    public async Task Dns_tcp_only_asks_over_tcp()
    {
        await using var server = new TinyDnsServer();
        var outcome = await RunAsync("a.test", new { server = server.Server, tcp = true });
        Assert.Equal(Verdicts.Ok, outcome.Verdict);
        Assert.Equal(1, server.TcpQueries);
    }

    [Fact]
    public async Task Dns_without_a_reply_is_timeout()
    {
        await using var server = new TinyDnsServer();
        var outcome = await RunAsync("silent.test", new { server = server.Server }, timeoutSeconds: 0.5);
        Assert.Equal(Verdicts.Timeout, outcome.Verdict);
    }
}
