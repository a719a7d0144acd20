using Linkwatch.Server.History;
using Linkwatch.Server.Platform.Live;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Server.Tests.History;

public sealed class UptimeCounterTests
{
    [Fact]
    public void The_overview_uptime_counts_live_results_of_the_last_24_hours_per_series_and_forgets_older_hours()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.Zero));
        var live = new LiveEvents(NullLogger<LiveEvents>.Instance);
        using var counter = new UptimeCounter(live, clock);
        StoredResult Result(long agent, DateTimeOffset at, string status) => new(Guid.NewGuid(), 7, agent, at, status, "ok");

        Assert.Null(counter.Uptime(7, 1));
        live.Publish(new ResultsStored([
            Result(1, clock.Now.AddMinutes(-1), Statuses.Up), Result(1, clock.Now.AddHours(-5), Statuses.Degraded),
            Result(1, clock.Now.AddHours(-20), Statuses.Down), Result(1, clock.Now.AddHours(-30), Statuses.Down),
            Result(2, clock.Now, Statuses.Down),
        ]));

        Assert.Equal(2.0 / 3, counter.Uptime(7, 1));
        Assert.Equal(0.0, counter.Uptime(7, 2));
        // Four hours on, the down result from 20 hours before is out of the window.
        clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(1.0, counter.Uptime(7, 1));
    }
}
