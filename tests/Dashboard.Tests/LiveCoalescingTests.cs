using System.Threading.Channels;
using Linkwatch.Server.Dashboard.Components;
using Linkwatch.Server.Dashboard.Live;
using Linkwatch.Server.Platform.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Linkwatch.Dashboard.Tests;

public sealed class LiveCoalescingTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    // Long enough for the feed's loop to have taken what was published and started waiting.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly FakeTimeProvider _time = new();
    private readonly LiveEvents _live = new(NullLogger<LiveEvents>.Instance);

    public LiveCoalescingTests()
    {
        Services.AddSingleton(_live);
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton<ILogger<DashboardLive>>(NullLogger<DashboardLive>.Instance);
        Services.AddScoped<DashboardLive>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task The_first_change_after_a_quiet_spell_comes_at_once_and_a_burst_within_a_second_as_one()
    {
        await using var feed = new DashboardLive(_live, _time, NullLogger<DashboardLive>.Instance);
        var changes = Channel.CreateUnbounded<DashboardChange>();
        using var subscription = feed.Subscribe(c => changes.Writer.WriteAsync(c).AsTask());

        _live.Publish(Results(1));
        Assert.Equal([1L], (await changes.Reader.ReadAsync().AsTask().WaitAsync(Wait)).Checks);

        for (var i = 0; i < 50; i++)
            _live.Publish(Results(i % 3 + 1));
        _live.Publish(new AgentStatusChanged(1, "edge-1", false, _time.GetUtcNow()));
        await Task.Delay(Settle);
        Assert.False(changes.Reader.TryRead(out _), "a change within the second after the previous one waits");

        _time.Advance(DashboardLive.MinInterval);
        var burst = await changes.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal([1L, 2L, 3L], burst.Checks.Order());
        Assert.Equal(["edge-1"], burst.Agents);
        await Task.Delay(Settle);
        Assert.False(changes.Reader.TryRead(out _), "the burst travels as one change");

        _time.Advance(TimeSpan.FromSeconds(5));
        _live.Publish(Results(7));
        Assert.Equal([7L], (await changes.Reader.ReadAsync().AsTask().WaitAsync(Wait)).Checks);
    }

    [Fact]
    public async Task A_page_reloads_and_renders_once_for_a_burst_and_not_for_changes_elsewhere()
    {
        var page = Render<CountingPage>();
        Assert.Equal(1, page.Instance.Loads);
        _live.Publish(Results(1));
        page.WaitForAssertion(() => Assert.Equal(2, page.Instance.Loads), Wait);
        var renders = page.RenderCount;

        for (var i = 0; i < 100; i++)
            _live.Publish(Results(1));
        _live.Publish(Results(CountingPage.Ignored));
        await Task.Delay(Settle);
        Assert.Equal(renders, page.RenderCount);
        _time.Advance(DashboardLive.MinInterval);
        page.WaitForAssertion(() => Assert.Equal(3, page.Instance.Loads), Wait);
        await Task.Delay(Settle);
        Assert.Equal(renders + 1, page.RenderCount);

        _time.Advance(TimeSpan.FromSeconds(5));
        _live.Publish(Results(CountingPage.Ignored));
        await Task.Delay(Settle);
        Assert.Equal(3, page.Instance.Loads);
    }

    [Fact]
    public async Task Disposing_the_circuit_ends_the_subscription()
    {
        var feed = new DashboardLive(_live, _time, NullLogger<DashboardLive>.Instance);
        var delivered = 0;
        using var subscription = feed.Subscribe(_ => { Interlocked.Increment(ref delivered); return Task.CompletedTask; });
        await feed.DisposeAsync();
        _live.Publish(Results(1));
        await Task.Delay(Settle);
        Assert.Equal(0, Volatile.Read(ref delivered));
    }

    private static ResultsStored Results(long checkId) =>
        new([new StoredResult(Guid.NewGuid(), checkId, 1, DateTimeOffset.UnixEpoch, "up", "ok")]);

    /// <summary>A live page that counts its loads and cares about every check but one.</summary>
    private sealed class CountingPage : LivePage
    {
        public const long Ignored = 99;

        public int Loads { get; private set; }

        protected override Task LoadAsync()
        {
            Loads++;
            return Task.CompletedTask;
        }

        protected override bool Affects(DashboardChange change) => change.Checks.Any(c => c != Ignored);

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Loads);
    }
}
