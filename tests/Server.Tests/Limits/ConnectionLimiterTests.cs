using System.Net;
using Linkwatch.Server.Platform.Limits;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Server.Tests.Limits;

public sealed class ConnectionLimiterTests
{
    private static readonly IPAddress Flooder = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.8");
    private static int _ids;

    private static (ConnectionLimiter Limiter, LimitCounters Counters) Limiter(int max = 100, int anonymous = 50, int perAddress = 3,
        double queueSeconds = 0, params IPAddress[] exempt)
    {
        var counters = new LimitCounters();
        var budget = new ConnectionBudget(max, anonymous, perAddress, TimeSpan.FromSeconds(queueSeconds), null, false);
        return (new ConnectionLimiter(budget, exempt, counters, TimeProvider.System, NullLogger<ConnectionLimiter>.Instance), counters);
    }

    private static ValueTask<ConnectionLease?> Open(ConnectionLimiter limiter, IPAddress address) =>
        limiter.AcquireAsync("c" + Interlocked.Increment(ref _ids), address, CancellationToken.None);

    [Fact]
    public async Task Anonymous_connections_over_the_per_address_limit_are_refused_while_other_addresses_get_in()
    {
        var (limiter, counters) = Limiter(perAddress: 3);
        for (var i = 0; i < 3; i++)
            Assert.NotNull(await Open(limiter, Flooder));

        Assert.Null(await Open(limiter, Flooder));
        Assert.NotNull(await Open(limiter, Other));
        Assert.Equal(1, counters.RefusedCount(LimitCounters.ConnectionRefusal.Address));
        Assert.Equal((4, 4), limiter.Open);
    }

    [Fact]
    public async Task A_credentialed_connection_gives_its_anonymous_place_back_and_is_not_capped_per_address()
    {
        var (limiter, _) = Limiter(perAddress: 2);
        var agents = new List<ConnectionLease>();
        for (var i = 0; i < 10; i++)
        {
            var lease = await Open(limiter, Flooder);
            Assert.NotNull(lease);
            limiter.Credentialed(lease.ConnectionId);
            agents.Add(lease);
        }

        Assert.Equal((10, 0), limiter.Open);
        Assert.NotNull(await Open(limiter, Flooder));
        Assert.NotNull(await Open(limiter, Flooder));
        Assert.Null(await Open(limiter, Flooder));
        foreach (var agent in agents)
            limiter.Release(agent);
        Assert.Equal((2, 2), limiter.Open);
    }

    [Fact]
    public async Task A_closed_anonymous_connection_frees_its_place_once()
    {
        var (limiter, _) = Limiter(perAddress: 1);
        var first = await Open(limiter, Flooder);
        Assert.NotNull(first);
        Assert.Null(await Open(limiter, Flooder));

        limiter.Release(first);
        limiter.Release(first);
        limiter.Credentialed(first.ConnectionId);

        Assert.Equal((0, 0), limiter.Open);
        Assert.NotNull(await Open(limiter, Flooder));
        Assert.Null(await Open(limiter, Flooder));
    }

    [Fact]
    public async Task A_connection_over_the_limit_waits_for_a_place_and_gets_the_one_a_credentialed_connection_leaves()
    {
        var (limiter, _) = Limiter(perAddress: 1, queueSeconds: 10);
        var first = await Open(limiter, Flooder);
        Assert.NotNull(first);

        var waiting = Open(limiter, Flooder).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        limiter.Credentialed(first.ConnectionId);

        Assert.NotNull(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal((2, 1), limiter.Open);
    }

    [Fact]
    public async Task A_waiting_connection_is_refused_when_no_place_comes_free_in_time()
    {
        var (limiter, counters) = Limiter(perAddress: 1, queueSeconds: 0.2);
        Assert.NotNull(await Open(limiter, Flooder));

        Assert.Null(await Open(limiter, Flooder).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal((1, 1), limiter.Open);
        Assert.Equal(1, counters.RefusedCount(LimitCounters.ConnectionRefusal.Address));
    }

    [Fact]
    public async Task The_anonymous_total_leaves_room_for_connections_that_authenticate()
    {
        var (limiter, counters) = Limiter(max: 4, anonymous: 2, perAddress: 10);
        Assert.NotNull(await Open(limiter, Flooder));
        Assert.NotNull(await Open(limiter, Other));
        Assert.Null(await Open(limiter, IPAddress.Parse("192.0.2.9")));
        Assert.Equal(1, counters.RefusedCount(LimitCounters.ConnectionRefusal.Anonymous));
    }

    [Fact]
    public async Task No_connection_gets_in_past_the_total()
    {
        var (limiter, counters) = Limiter(max: 2, anonymous: 2, perAddress: 10);
        var a = await Open(limiter, Flooder);
        var b = await Open(limiter, Other);
        limiter.Credentialed(a!.ConnectionId);
        limiter.Credentialed(b!.ConnectionId);

        Assert.Null(await Open(limiter, IPAddress.Parse("192.0.2.9")));
        Assert.Equal(1, counters.RefusedCount(LimitCounters.ConnectionRefusal.Total));
    }

    [Fact]
    public async Task A_known_proxy_is_not_capped_per_address()
    {
        var proxy = IPAddress.Parse("10.0.0.5");
        var (limiter, _) = Limiter(perAddress: 1, exempt: proxy);
        for (var i = 0; i < 5; i++)
            Assert.NotNull(await Open(limiter, proxy));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("::1", "::1")]
    [InlineData("192.0.2.1", "192.0.2.1")]
    public void Limits_apply_to_an_IPv6_address_by_its_64_and_to_a_mapped_IPv4_address_as_IPv4(string address, string key) =>
        Assert.Equal(IPAddress.Parse(key), ConnectionLimiter.Key(IPAddress.Parse(address)));

    [Fact]
    public void The_total_is_derived_below_the_descriptor_limit_and_a_configured_one_cannot_exceed_it()
    {
        var derived = ConnectionBudget.From(new LimitsOptions(), (512, 512, false));
        Assert.Equal(512 - 64, derived.MaxConnections);
        Assert.Equal((512 - 64) * 3 / 4, derived.MaxAnonymousConnections);
        // 256 per address would be most of the anonymous total: one address gets two fifths of it.
        Assert.Equal((512 - 64) * 3 / 4 * 2 / 5, derived.AnonymousPerAddress);
        Assert.Equal(256, ConnectionBudget.From(new LimitsOptions(), (65536, 65536, false)).AnonymousPerAddress);

        var configured = ConnectionBudget.From(new LimitsOptions { MaxConnections = 100_000, MaxAnonymousConnections = 50_000 }, (4096, 4096, false));
        Assert.Equal(4096 - 512, configured.MaxConnections);
        Assert.Equal(4096 - 512, configured.MaxAnonymousConnections);
    }
}
