using Linkwatch.Server.Checks;
using static Linkwatch.Server.Checks.ChecksApi;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>What the check form, the check page and the overview's bulk actions change, through the checks API's handlers.</summary>
public sealed class CheckEditing(ResourceEditing editing)
{
    public Task<CheckDto?> CreateAsync(CheckDraft draft, FormErrors errors, CancellationToken cancellationToken) =>
        editing.CreateAsync<CheckBody, CheckValidator, CheckDto>(Handlers, draft.ToBody, errors, cancellationToken);

    public Task<CheckDto?> UpdateAsync(long id, CheckDraft draft, FormErrors errors, CancellationToken cancellationToken) =>
        editing.ReplaceAsync<CheckBody, CheckValidator, CheckDto>(Handlers, id, draft.ToBody, errors, cancellationToken);

    public Task<CheckDto?> LoadAsync(long id, CancellationToken cancellationToken) => editing.GetAsync(Table, id, cancellationToken);

    public Task<List<CheckDto>> ListAsync(CancellationToken cancellationToken) => editing.ListAsync(Table, cancellationToken);

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
                enabled, check.Options, [.. check.Agents], check.Labels, check.Badges, [.. check.DependsOn]);
            outcome.Count(await editing.ReplaceAsync<CheckBody, CheckValidator, CheckDto>(Handlers, id, body, cancellationToken), check.Name);
        }
        return outcome;
    }

    public async Task<BulkOutcome> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var outcome = new BulkOutcome();
        foreach (var id in ids)
            outcome.Count(await editing.DeleteAsync(Handlers, id, cancellationToken), $"check {id}");
        return outcome;
    }
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
