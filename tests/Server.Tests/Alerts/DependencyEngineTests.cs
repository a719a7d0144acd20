using Microsoft.EntityFrameworkCore;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.Alerts;

/// <summary>The engine's holding of a child check's alerts while a parent (<c>dependsOn</c>) is down.</summary>
public sealed class DependencyEngineTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await EngineHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task DependAsync(long child, params long[] parents) => _h.DbAsync(async db =>
    {
        var check = await db.Checks.SingleAsync(c => c.Id == child);
        check.DependsOn = Checks.CheckDependencies.Write(parents);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_child_alert_opens_suppressed_while_the_parent_is_down_on_that_agent_and_is_announced_once_when_it_recovers()
    {
        var parent = await _h.AddCheckAsync("uplink");
        var child = await _h.AddCheckAsync("service");
        await DependAsync(child, parent);
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(child);

        await _h.FeedAsync(parent, agent, "down");
        await _h.FeedAsync(child, agent, "down", 3);
        var held = Assert.Single(await _h.AlertsAsync());
        Assert.True(held.Suppressed);
        Assert.Equal(AlertStates.Open, held.State);
        Assert.Empty(_h.Sink.Events);

        await _h.FeedAsync(parent, agent, "up");
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        Assert.False(Assert.Single(await _h.AlertsAsync()).Suppressed);
        await _h.FeedAsync(parent, agent, "up", 2);
        await _h.FeedAsync(child, agent, "down", 2);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
    }

    [Fact]
    public async Task A_child_alert_that_resolves_while_held_is_never_announced()
    {
        var parent = await _h.AddCheckAsync("uplink");
        var child = await _h.AddCheckAsync("service");
        await DependAsync(child, parent);
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(child);

        await _h.FeedAsync(parent, agent, "down");
        await _h.FeedAsync(child, agent, "down", 3);
        await _h.FeedAsync(child, agent, "up", 3);
        await _h.FeedAsync(parent, agent, "up");
        Assert.Empty(_h.Sink.Events);
        Assert.Equal(AlertStates.Resolved, Assert.Single(await _h.AlertsAsync()).State);
    }

    [Fact]
    public async Task A_parent_down_on_another_agent_only_holds_nothing_here()
    {
        var parent = await _h.AddCheckAsync("uplink");
        var child = await _h.AddCheckAsync("service");
        await DependAsync(child, parent);
        var here = await _h.AddAgentAsync("edge-1");
        var there = await _h.AddAgentAsync("edge-2");
        await _h.AddRuleAsync(child);

        await _h.FeedAsync(parent, here, "up");
        await _h.FeedAsync(parent, there, "down");
        await _h.FeedAsync(child, here, "down", 3);
        Assert.False(Assert.Single(await _h.AlertsAsync()).Suppressed);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
    }

    [Fact]
    public async Task Where_the_parent_does_not_run_its_public_status_decides()
    {
        // The parent runs on edge-2 only (or is a push check): a child on edge-1 is held while every parent series is down.
        var parent = await _h.AddCheckAsync("uplink");
        var child = await _h.AddCheckAsync("service");
        await DependAsync(child, parent);
        var here = await _h.AddAgentAsync("edge-1");
        var there = await _h.AddAgentAsync("edge-2");
        await _h.AddRuleAsync(child);

        await _h.FeedAsync(parent, there, "down");
        await _h.FeedAsync(child, here, "down", 3);
        Assert.True(Assert.Single(await _h.AlertsAsync()).Suppressed);
        Assert.Empty(_h.Sink.Events);
        await _h.FeedAsync(parent, there, "up");
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
    }

    [Fact]
    public async Task An_announced_child_alert_is_held_when_its_parent_goes_down_and_not_announced_again()
    {
        var parent = await _h.AddCheckAsync("uplink");
        var child = await _h.AddCheckAsync("service");
        await DependAsync(child, parent);
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(child);

        await _h.FeedAsync(parent, agent, "up");
        await _h.FeedAsync(child, agent, "down", 3);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
        await _h.FeedAsync(parent, agent, "down");
        Assert.True(Assert.Single(await _h.AlertsAsync()).Suppressed);
        await _h.FeedAsync(parent, agent, "up");
        Assert.False(Assert.Single(await _h.AlertsAsync()).Suppressed);
        Assert.Equal([NotificationEvents.Opened], _h.Sink.Events);
    }

    [Fact]
    public async Task A_restarted_engine_reads_the_parents_state_from_the_store()
    {
        var parent = await _h.AddCheckAsync("uplink");
        var child = await _h.AddCheckAsync("service");
        await DependAsync(child, parent);
        var agent = await _h.AddAgentAsync("edge-1");
        await _h.AddRuleAsync(child);
        await _h.FeedAsync(parent, agent, "down");

        _h.NewEngine();
        await _h.Engine.RestoreAsync(CancellationToken.None).OrTimeout();
        await _h.FeedAsync(child, agent, "down", 3);
        Assert.True(Assert.Single(await _h.AlertsAsync()).Suppressed);
        Assert.Empty(_h.Sink.Events);
    }
}
