using Linkwatch.Agent.Net;
using Linkwatch.Agent.Outbox;
using Linkwatch.Agent.State;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Agent.Tests.Functional;

public sealed class NetworkChangeWatcherTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("linkwatch-watcher-test-").FullName;
    private readonly CapturingLogger _log = new();
    private EventOutbox _outbox = null!;

    public Task InitializeAsync()
    {
        _outbox = new EventOutbox(new AgentRuntimeOptions
        {
            DataDirectory = _dataDirectory,
            Credentials = new AgentCredentials { Server = "http://127.0.0.1:1", Name = "t", Credential = "x" },
        }, NullLogger<EventOutbox>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _outbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, true);
    }

    [Fact]
    public async Task On_the_real_host_the_watcher_takes_snapshots_without_errors_and_the_baseline_yields_no_events()
    {
        var watcher = new NetworkChangeWatcher(_outbox, TimeProvider.System, new Typed<NetworkChangeWatcher>(_log))
        {
            Interval = TimeSpan.FromMilliseconds(100),
        };

        await watcher.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => watcher.Snapshots >= 4, "four snapshots");
        await watcher.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Await);

        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
        // The test host's network does not change in half a second; the baseline alone is no event.
        Assert.Empty(await _outbox.PeekAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_between_snapshots_is_queued_durably_once()
    {
        var baseline = new NetworkSnapshot { Interfaces = new Dictionary<string, bool> { ["eth0"] = true } };
        var changed = baseline with { Addresses = new HashSet<NetworkItem> { new("eth0", "2001:db8::7/64") } };
        var calls = 0;
        var watcher = new NetworkChangeWatcher(_outbox, TimeProvider.System, new Typed<NetworkChangeWatcher>(_log))
        {
            Interval = TimeSpan.FromMilliseconds(50),
            Capture = () => Interlocked.Increment(ref calls) == 1 ? baseline : changed,
        };

        await watcher.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => watcher.Snapshots >= 5, "five snapshots");
        await watcher.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Await);

        var queued = await _outbox.PeekAsync(100, CancellationToken.None);
        var e = Assert.Single(queued);
        Assert.Equal((NetworkEventKinds.AddressAdded, "eth0", "2001:db8::7/64"), (e.Kind, e.Interface, e.Detail));
        await _outbox.DeleteAsync([e.Id], CancellationToken.None);
        Assert.Empty(await _outbox.PeekAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task An_address_flood_is_capped_per_minute_with_one_warning_and_the_watcher_keeps_running()
    {
        var calls = 0;
        // Every snapshot swaps 40 addresses for 40 new ones: 80 events per snapshot, forever.
        NetworkSnapshot Churn()
        {
            var n = Interlocked.Increment(ref calls);
            return new NetworkSnapshot
            {
                Interfaces = new Dictionary<string, bool> { ["eth0"] = true },
                Addresses = Enumerable.Range(0, 40).Select(i => new NetworkItem("eth0", $"2001:db8:{n:x}::{i:x}/64")).ToHashSet(),
            };
        }
        var watcher = new NetworkChangeWatcher(_outbox, TimeProvider.System, new Typed<NetworkChangeWatcher>(_log))
        {
            Interval = TimeSpan.FromMilliseconds(20),
            Capture = Churn,
        };

        await watcher.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => watcher.Snapshots >= 20, "twenty snapshots");
        await watcher.StopAsync(CancellationToken.None).WaitAsync(TestTimeouts.Await);

        var queued = await _outbox.PeekAsync(10_000, CancellationToken.None);
        Assert.Equal(NetworkChangeWatcher.MaxEventsPerMinute, queued.Count);
        Assert.Single(_log.Entries, x => x.Level == LogLevel.Warning);
        Assert.DoesNotContain(_log.Entries, x => x.Level >= LogLevel.Error);
    }

    private sealed class Typed<T>(ILogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
