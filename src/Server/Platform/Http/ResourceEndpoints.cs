namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// A resource's table as its list and read endpoints show it. <see cref="ToDto"/> takes the time of the request:
/// whether a silence or a window is active depends on when it is shown.
/// </summary>
public sealed record ResourceTable<TEntity, TDto>(
    string What, Func<LinkwatchDbContext, IQueryable<TEntity>> Listed, Func<LinkwatchDbContext, IQueryable<TEntity>> Rows,
    Func<TEntity, DateTimeOffset, TDto> ToDto) where TEntity : class;

/// <summary>The handlers that change a resource; lists and reads come from its <see cref="ResourceTable{TEntity, TDto}"/>.</summary>
public sealed record ResourceChanges(Delegate Create, Delegate Replace, Delegate Delete);

public static class ResourceEndpoints
{
    /// <summary>
    /// Maps <c>POST</c> and <c>GET</c> on <paramref name="path"/> and <c>GET|PUT|DELETE</c> on <c>{id}</c>, for API
    /// keys. Mapping them together keeps the API's promise that whatever can be created can be read, changed with the
    /// body it was created with, and deleted; POST and PUT share <typeparamref name="TValidator"/>. Every role reads;
    /// changes need <see cref="Policies.Edit"/>.
    /// </summary>
    public static RouteGroupBuilder MapResource<TBody, TValidator, TEntity, TDto>(
        this IEndpointRouteBuilder app, string path, ResourceTable<TEntity, TDto> table, ResourceChanges changes)
        where TBody : class
        where TValidator : IBodyValidator<TBody>
        where TEntity : class
    {
        var api = app.MapGroup(path).RequireAuthorization(Policies.View);
        api.MapPost("/", changes.Create).WithValidation<TBody, TValidator>().RequireAuthorization(Policies.Edit);
        api.MapGet("/", (LinkwatchDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
            ResourceReads.ListAsync(table.Listed(db), At(table, time), cancellationToken));
        api.MapGet("/{id:long}", (long id, LinkwatchDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
            ResourceReads.GetAsync(table.Rows(db), id, table.What, At(table, time), cancellationToken));
        api.MapPut("/{id:long}", changes.Replace).WithValidation<TBody, TValidator>().RequireAuthorization(Policies.Edit);
        api.MapDelete("/{id:long}", changes.Delete).RequireAuthorization(Policies.Edit);
        return api;
    }

    private static Func<TEntity, TDto> At<TEntity, TDto>(ResourceTable<TEntity, TDto> table, TimeProvider time) where TEntity : class
    {
        var now = time.GetUtcNow();
        return row => table.ToDto(row, now);
    }
}
