using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// The reads every resource API answers alike: the list, one row by id (a 404 naming the resource when it is gone),
/// and the tracked row a change starts from. Resources are keyed by a <c>long Id</c>.
/// </summary>
public static class ResourceReads
{
    /// <summary><paramref name="ordered"/>: the rows in the order the list shows them.</summary>
    public static async Task<Ok<List<TDto>>> ListAsync<TEntity, TDto>(
        IQueryable<TEntity> ordered, Func<TEntity, TDto> toDto, CancellationToken cancellationToken) where TEntity : class =>
        TypedResults.Ok((await ordered.AsNoTracking().ToListAsync(cancellationToken)).Select(toDto).ToList());

    /// <summary><paramref name="what"/>: the resource as a user calls it ("alert rule").</summary>
    public static async Task<Results<Ok<TDto>, ProblemHttpResult>> GetAsync<TEntity, TDto>(
        IQueryable<TEntity> rows, long id, string what, Func<TEntity, TDto> toDto, CancellationToken cancellationToken) where TEntity : class =>
        await FindAsync(rows.AsNoTracking(), id, cancellationToken) is { } row ? TypedResults.Ok(toDto(row)) : Problems.NotFound(what, id);

    public static Task<TEntity?> FindAsync<TEntity>(IQueryable<TEntity> rows, long id, CancellationToken cancellationToken) where TEntity : class =>
        rows.FirstOrDefaultAsync(e => EF.Property<long>(e, "Id") == id, cancellationToken);
}
