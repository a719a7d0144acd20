using Linkwatch.Server.Dashboard.Fragments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Dashboard;

/// <summary>
/// <c>/fragments/...</c>: the parts of the pages that change, rendered by the same components the pages
/// use, for htmx to swap in when a push says they changed.
/// </summary>
public static class DashboardFragments
{
    public static IEndpointRouteBuilder MapDashboardFragments(this IEndpointRouteBuilder app)
    {
        var fragments = app.MapGroup("/fragments").ExcludeFromDescription();
        fragments.MapGet("/overview/summary", async (DashboardQueries q, CancellationToken ct) =>
            Render<SummaryStrip>(nameof(SummaryStrip.Summary), (await q.LoadOverviewAsync(ct)).Summary));
        fragments.MapGet("/overview/agents", async (DashboardQueries q, CancellationToken ct) =>
            Render<AgentsPanel>(nameof(AgentsPanel.Agents), (await q.LoadOverviewAsync(ct)).Agents));
        fragments.MapGet("/overview/checks", async (DashboardQueries q, CancellationToken ct) =>
            Render<ChecksTable>(nameof(ChecksTable.Checks), (await q.LoadOverviewAsync(ct)).Checks));
        fragments.MapGet("/overview/checks/{id:long}", async (long id, DashboardQueries q, CancellationToken ct) =>
            Render<CheckRows>(new Dictionary<string, object?>
            {
                [nameof(CheckRows.CheckId)] = id,
                [nameof(CheckRows.Group)] = await q.LoadCheckGroupAsync(id, ct),
            }));
        fragments.MapGet("/checks/{id:long}/results", async (long id, DashboardQueries q, CancellationToken ct) =>
            Render<CheckLive>(nameof(CheckLive.Results), await q.LoadCheckResultsAsync(id, ct)));
        fragments.MapGet("/mesh", async (DashboardQueries q, CancellationToken ct) =>
            Render<MeshGrid>(nameof(MeshGrid.Model), await q.LoadMeshAsync(ct)));
        fragments.MapGet("/agents/{name}", async (string name, DashboardQueries q, CancellationToken ct) =>
            await q.LoadAgentPageAsync(name, ct) is { } model
                ? (IResult)Render<AgentLive>(nameof(AgentLive.Model), model)
                : TypedResults.NotFound());
        fragments.MapGet("/alerts/table", async (AlertQueries q, CancellationToken ct) =>
            Render<AlertsTable>(nameof(AlertsTable.Alerts), await q.LoadListAsync(ct)));
        fragments.MapGet("/alerts/{id:long}/live", async Task<IResult> (long id, AlertQueries q, CancellationToken ct) =>
            await q.LoadDetailAsync(id, ct) is { } detail
                ? Render<AlertLive>(nameof(AlertLive.Detail), detail)
                : TypedResults.NotFound());
        return app;
    }

    private static RazorComponentResult<T> Render<T>(string parameter, object? value) where T : Microsoft.AspNetCore.Components.IComponent =>
        Render<T>(new Dictionary<string, object?> { [parameter] = value });

    private static RazorComponentResult<T> Render<T>(IReadOnlyDictionary<string, object?> parameters) where T : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters);
}
