using Linkwatch.Server.Dashboard.Components;

namespace Linkwatch.Dashboard.Tests;

public sealed class ChecksTableTests : ComponentTest
{
    private IRenderedComponent<ChecksTable> RenderTable() =>
        Render<ChecksTable>(p => p.Add(t => t.Checks, Checks.Sample));

    [Fact]
    public void Renders_one_row_per_check_and_agent_with_the_attributes_scripts_rely_on()
    {
        var table = RenderTable();
        var rows = table.FindAll("tr.check-row");
        Assert.Equal(4, rows.Count);
        Assert.Equal("edge-2", rows[1].GetAttribute("data-agent"));
        Assert.Equal("1", rows[1].GetAttribute("data-check-id"));
        Assert.Equal("up", rows[1].GetAttribute("data-status"));
        Assert.Equal("2026-12-01T10:00:00.000Z", rows[0].QuerySelector("[data-started-at]")!.GetAttribute("data-started-at"));
    }

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Typing_in_the_search_box_filters_the_rows()
    {
        var table = RenderTable();
        table.Find("input[aria-label='Search']").Input("edge-2");
        // The field debounces on a real timer: a busy machine may take a while to get there.
        table.WaitForAssertion(() => Assert.Equal(["edge-2"], table.FindAll("tr.check-row").Select(r => r.GetAttribute("data-agent"))), WaitTimeout);
        table.Find("input[aria-label='Search']").Input("nothing-like-this");
        table.WaitForAssertion(() => Assert.Contains("No check matches", table.Markup), WaitTimeout);
    }

    [Fact]
    public void Every_filter_field_has_an_accessible_name()
    {
        var table = RenderTable();
        foreach (var name in new[] { "Search", "Label", "Group by" })
            Assert.NotEmpty(table.FindAll($"[aria-label='{name}']"));
    }

    [Fact]
    public void No_checks_says_what_to_do_next()
    {
        var table = Render<ChecksTable>(p => p.Add(t => t.Checks, []).Add(t => t.BaseUrl, "http://lw.lan:5080/"));
        Assert.Contains("href=\"/add-agent\"", table.Markup);
        Assert.Contains("http://lw.lan:5080/api/checks", table.Markup);
        Assert.Contains("docs/api.md", table.Markup);
        // A viewer is told whom to ask; an editor gets the form.
        Assert.DoesNotContain("href=\"/checks/new\"", table.Markup);
        Authorization.SetPolicies(Linkwatch.Server.Platform.Auth.Policies.Edit);
        var editors = Render<ChecksTable>(p => p.Add(t => t.Checks, []));
        Assert.Contains("href=\"/checks/new\"", editors.Markup);
    }

    [Fact]
    public void A_viewer_gets_no_selection_and_an_editor_gets_the_bulk_actions_for_what_is_selected()
    {
        var viewers = RenderTable();
        Assert.Empty(viewers.FindAll("td.select"));
        Assert.DoesNotContain("Selected checks", viewers.Markup);

        Authorization.SetPolicies(Linkwatch.Server.Platform.Auth.Policies.Edit);
        var editors = RenderTable();
        var boxes = editors.FindAll("td.select input[type='checkbox']");
        Assert.Equal(Checks.Sample.Count, boxes.Count);
        boxes[0].Change(true);
        editors.WaitForAssertion(() => Assert.Contains("aria-label=\"Selected checks\"", editors.Markup), WaitTimeout);
        foreach (var action in new[] { "Pause", "Resume", "Delete" })
            Assert.Contains(editors.FindAll(".bulk-actions button"), b => b.TextContent.Trim() == action);
    }
}
