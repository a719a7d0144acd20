namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// Deletes through the change tracker rather than a bulk <c>DELETE</c>: the audit log sees what is saved through the
/// context, and a configuration object is one row, so the extra read costs nothing that matters.
/// </summary>
public static class Tracked
{
    public static async Task<bool> DeleteAsync<TEntity>(LinkwatchDbContext db, DbSet<TEntity> rows, long id, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (await ResourceReads.FindAsync(rows, id, cancellationToken) is not { } row)
            return false;
        rows.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
