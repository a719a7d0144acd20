using Linkwatch.Server.Dashboard;

namespace Linkwatch.Dashboard.Tests;

public sealed class OverviewFilterTests
{
    [Fact]
    public void Search_matches_check_name_or_target_with_all_rows_and_agents_with_their_rows_only()
    {
        Assert.Equal([1L], new OverviewFilter("WEB").Apply(Checks.Sample).Select(c => c.Id));
        Assert.Equal([2L], new OverviewFilter("5432").Apply(Checks.Sample).Select(c => c.Id));
        var byAgent = new OverviewFilter("edge-2").Apply(Checks.Sample);
        Assert.Equal("edge-2", Assert.Single(Assert.Single(byAgent).Rows).Agent);
        Assert.Equal(3, new OverviewFilter("  ").Apply(Checks.Sample).Count);
    }

    [Fact]
    public void Label_filter_keeps_checks_with_that_key_and_value()
    {
        Assert.Equal([1L], new OverviewFilter(Label: "env=prod").Apply(Checks.Sample).Select(c => c.Id));
        Assert.Empty(new OverviewFilter(Label: "env=dev").Apply(Checks.Sample));
        Assert.Equal(["env=prod", "env=staging", "site=ams"], OverviewFilter.LabelsOf(Checks.Sample));
    }

    [Fact]
    public void Grouping_by_a_label_key_puts_unlabelled_checks_last()
    {
        var groups = new OverviewFilter(GroupBy: "env").Groups(Checks.Sample);
        Assert.Equal(["env=prod", "env=staging", OverviewFilter.Ungrouped], groups.Select(g => g.Title));
        Assert.Equal([3L], groups[^1].Checks.Select(c => c.Id));
        Assert.Null(Assert.Single(new OverviewFilter().Groups(Checks.Sample)).Title);
    }

    [Fact]
    public void Take_keeps_the_first_rows_in_order_and_counts_them_all()
    {
        var groups = new OverviewFilter().Groups(Checks.Sample);
        var all = groups.Sum(g => g.Checks.Sum(c => c.Rows.Count));
        var first = OverviewFilter.Take(groups, 2, out var total);
        Assert.Equal(all, total);
        var rows = first.SelectMany(g => g.Checks).SelectMany(c => c.Rows.Select(r => (c.Id, r.Agent))).ToList();
        var expected = groups.SelectMany(g => g.Checks).SelectMany(c => c.Rows.Select(r => (c.Id, r.Agent))).Take(2).ToList();
        Assert.Equal(expected, rows);
        // A limit past the end shows everything.
        Assert.Equal(all, OverviewFilter.Take(groups, all + 5, out _).Sum(g => g.Checks.Sum(c => c.Rows.Count)));
    }
}
