namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>
/// Creates, replaces and deletes a resource that the API maps with <see cref="ResourceEndpoints.MapResource"/>,
/// through the same <see cref="ResourceChanges"/> handlers and the same validator, for editors and admins.
/// </summary>
public sealed class ResourceEditing(DashboardChanges changes)
{
    public Task<TDto?> CreateAsync<TBody, TValidator, TDto>(
        ResourceChanges handlers, Func<FormErrors, TBody> read, FormErrors errors, CancellationToken cancellationToken)
        where TBody : class where TValidator : IBodyValidator<TBody> where TDto : class =>
        changes.SaveAsync<TBody, TValidator, TDto>(errors, read, Policies.Edit,
            (services, body, ct) => HandlerCall.InvokeAsync(handlers.Create, services, (long?)null, body, ct), cancellationToken);

    public Task<TDto?> ReplaceAsync<TBody, TValidator, TDto>(
        ResourceChanges handlers, long id, Func<FormErrors, TBody> read, FormErrors errors, CancellationToken cancellationToken)
        where TBody : class where TValidator : IBodyValidator<TBody> where TDto : class =>
        changes.SaveAsync<TBody, TValidator, TDto>(errors, read, Policies.Edit,
            (services, body, ct) => HandlerCall.InvokeAsync(handlers.Replace, services, id, body, ct), cancellationToken);

    /// <summary>Replaces without a form (pause, resume): the body is whole already.</summary>
    public Task<ChangeOutcome<TDto>> ReplaceAsync<TBody, TValidator, TDto>(ResourceChanges handlers, long id, TBody body, CancellationToken cancellationToken)
        where TBody : class where TValidator : IBodyValidator<TBody> =>
        changes.SubmitAsync<TBody, TValidator, TDto>(Policies.Edit, body,
            (services, valid, ct) => HandlerCall.InvokeAsync(handlers.Replace, services, id, valid, ct), cancellationToken);

    public Task<ChangeOutcome<object>> DeleteAsync(ResourceChanges handlers, long id, CancellationToken cancellationToken) =>
        changes.RunAsync<object>(Policies.Edit, (services, ct) => HandlerCall.InvokeAsync(handlers.Delete, services, id, null, ct), cancellationToken);

    /// <summary>The resource's list as <c>GET</c> on its path answers it.</summary>
    public Task<List<TDto>> ListAsync<TEntity, TDto>(ResourceTable<TEntity, TDto> table, CancellationToken cancellationToken) where TEntity : class =>
        changes.ReadAsync(async (services, ct) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var rows = await table.Listed(services.GetRequiredService<LinkwatchDbContext>()).AsNoTracking().ToListAsync(ct);
            return rows.Select(row => table.ToDto(row, now)).ToList();
        }, cancellationToken);

    /// <summary>One row as <c>GET {id}</c> answers it; null when there is none.</summary>
    public Task<TDto?> GetAsync<TEntity, TDto>(ResourceTable<TEntity, TDto> table, long id, CancellationToken cancellationToken)
        where TEntity : class where TDto : class =>
        changes.ReadAsync(async (services, ct) =>
        {
            var row = await ResourceReads.FindAsync(table.Rows(services.GetRequiredService<LinkwatchDbContext>()).AsNoTracking(), id, ct);
            return row is null ? null : table.ToDto(row, services.GetRequiredService<TimeProvider>().GetUtcNow());
        }, cancellationToken);
}
