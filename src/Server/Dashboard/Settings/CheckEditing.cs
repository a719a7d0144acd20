using Linkwatch.Server.Agents;
using Linkwatch.Server.Checks;
using static Linkwatch.Server.Checks.ChecksApi;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>What the check form, the check page and the overview's bulk actions change, through the checks API's handlers.</summary>
public sealed class CheckEditing(DashboardChanges changes)
{
    public Task<CheckDto?> CreateAsync(CheckDraft draft, FormErrors errors, CancellationToken cancellationToken) =>
        changes.SaveAsync<CheckBody, CheckValidator, CheckDto>(errors, draft.ToBody, Policies.Edit,
            async (services, body, ct) => await ChecksApi.CreateAsync(
                body, services.GetRequiredService<LinkwatchDbContext>(), services.GetRequiredService<AssignmentPublisher>(),
                services.GetRequiredService<LiveEvents>(), services.GetRequiredService<TimeProvider>(), ct),
            cancellationToken);

    public Task<CheckDto?> UpdateAsync(long id, CheckDraft draft, FormErrors errors, CancellationToken cancellationToken) =>
        changes.SaveAsync<CheckBody, CheckValidator, CheckDto>(errors, draft.ToBody, Policies.Edit,
            (services, body, ct) => ReplaceAsync(services, id, body, ct), cancellationToken);

    public Task<CheckDto?> LoadAsync(long id, CancellationToken cancellationToken) =>
        changes.ReadAsync(async (services, ct) =>
        {
            var check = await services.GetRequiredService<LinkwatchDbContext>().Checks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            return check is null ? null : ToDto(check);
        }, cancellationToken);

    /// <summary>Pauses or resumes checks: each is replaced with its own body and <c>enabled</c> changed, as a PUT would.</summary>
    public async Task<BulkOutcome> SetEnabledAsync(IReadOnlyCollection<long> ids, bool enabled, CancellationToken cancellationToken)
    {
        var outcome = new BulkOutcome();
        foreach (var id in ids)
        {
            if (await LoadAsync(id, cancellationToken) is not { } check)
            {
                outcome.Failed.Add($"no check with id {id}");
                continue;
            }
            var body = new CheckBody(check.Name, check.Kind, check.Target, check.IntervalSeconds, check.TimeoutSeconds, check.Family,
                enabled, check.Options, [.. check.Agents], check.Labels);
            var done = await changes.SubmitAsync<CheckBody, CheckValidator, CheckDto>(Policies.Edit, body,
                (services, valid, ct) => ReplaceAsync(services, id, valid, ct), cancellationToken);
            outcome.Count(done, $"{check.Name}");
        }
        return outcome;
    }

    public async Task<BulkOutcome> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var outcome = new BulkOutcome();
        foreach (var id in ids)
        {
            var done = await changes.RunAsync<object>(Policies.Edit, async (services, ct) => await ChecksApi.DeleteAsync(
                id, services.GetRequiredService<LinkwatchDbContext>(), services.GetRequiredService<AssignmentPublisher>(),
                services.GetRequiredService<LiveEvents>(), ct), cancellationToken);
            outcome.Count(done, $"check {id}");
        }
        return outcome;
    }

    private static async Task<IResult> ReplaceAsync(IServiceProvider services, long id, Valid<CheckBody> body, CancellationToken ct) =>
        await ChecksApi.ReplaceAsync(
            id, body, services.GetRequiredService<LinkwatchDbContext>(), services.GetRequiredService<AssignmentPublisher>(),
            services.GetRequiredService<LiveEvents>(), services.GetRequiredService<TimeProvider>(), ct);
}

/// <summary>How a change to several objects went: how many were changed, and why the others were not.</summary>
public sealed class BulkOutcome
{
    public int Done { get; private set; }
    public List<string> Failed { get; } = [];

    public void Count<T>(ChangeOutcome<T> outcome, string what)
    {
        if (outcome.Done)
            Done++;
        else
            Failed.Add($"{what}: {outcome.Problem ?? string.Join("; ", outcome.Errors.SelectMany(e => e.Value))}");
    }
}
