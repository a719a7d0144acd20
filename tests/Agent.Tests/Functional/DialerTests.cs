using System.Net;
using Linkwatch.Agent.Net;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Functional;

public class DialerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Auto_tries_the_next_address_when_the_first_refuses()
    {
        var listener = Listeners.Start(IPAddress.Loopback);
        try
        {
            var port = Listeners.PortOf(listener);
            // ::1 on this port has no listener (it was never bound there), so it refuses.
            var dialer = new Dialer(new FixedResolver(new() { ["two.test"] = [IPAddress.IPv6Loopback, IPAddress.Loopback] }));
            var result = await dialer.DialAsync("two.test", port, Families.Auto, Timeout, CancellationToken.None).OrTimeout();
            using var socket = result.Socket;
            Assert.Equal(Verdicts.Ok, result.Verdict);
            Assert.Equal(IPAddress.Loopback, result.Address);
            Assert.NotNull(result.ResolveMs);
            Assert.NotNull(result.ConnectMs);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_family_the_name_lacks_is_no_address_not_a_failure()
    {
        var dialer = new Dialer(new FixedResolver(new() { ["v4only.test"] = [IPAddress.Loopback] }));
        var result = await dialer.DialAsync("v4only.test", 80, Families.Ipv6, Timeout, CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.NoAddress, result.Verdict);
        Assert.Equal(Statuses.Absent, Verdicts.StatusOf(result.Verdict));
        Assert.Null(result.Socket);
    }

    [Fact]
    public async Task Ip_literals_are_not_resolved()
    {
        var dialer = new Dialer(new FixedResolver([]));
        var result = await dialer.DialAsync("127.0.0.1", Listeners.ClosedPort(IPAddress.Loopback), Families.Auto, Timeout,
            CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.ConnectRefused, result.Verdict);
        Assert.Null(result.ResolveMs);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_resolve_failed()
    {
        var dialer = new Dialer(new FixedResolver([]));
        var result = await dialer.DialAsync("missing.test", 80, Families.Auto, Timeout, CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.ResolveFailed, result.Verdict);
        Assert.Contains("missing.test", result.Error);
    }

    [Fact]
    public async Task A_resolver_slower_than_the_deadline_is_resolve_failed_within_the_deadline()
    {
        var dialer = new Dialer(new HangingResolver());
        var result = await dialer.DialAsync("slow.test", 80, Families.Auto, TimeSpan.FromMilliseconds(200),
            CancellationToken.None).OrTimeout();
        Assert.Equal(Verdicts.ResolveFailed, result.Verdict);
        Assert.Contains("timed out", result.Error);
    }

    [Fact]
    public async Task The_server_handler_dials_through_the_given_dialer()
    {
        await using var server = new TinyHttpServer(200, "hello");
        var dialer = new Dialer(new FixedResolver(new() { ["server.test"] = [IPAddress.Loopback] }));
        using var client = new HttpClient(HttpHandlers.CreateForServer(dialer));
        var body = await client.GetStringAsync($"http://server.test:{server.Port}/").OrTimeout();
        Assert.Equal("hello", body);
    }

    private sealed class HangingResolver : IHostResolver
    {
        public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
            return [];
        }
    }
}
