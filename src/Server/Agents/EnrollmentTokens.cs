namespace Linkwatch.Server.Agents;

/// <summary>
/// Single-use enrollment tokens: admins mint, list and delete them (the API and the dashboard call these methods), and
/// <c>POST /api/enroll</c> spends one. A token without a name enrolls one new name; a token with a name re-enrolls or
/// un-revokes exactly that name. Spending is one conditional update inside the enrollment's transaction, so of two
/// enrollments racing with one token exactly one succeeds, and a failed enrollment leaves the token unspent.
/// </summary>
public sealed partial class EnrollmentTokens(LinkwatchDbContext db, TimeProvider time, ILogger<EnrollmentTokens> logger)
{
    public const int MinExpiresInMinutes = 1;
    /// <summary>A week: long enough to hand a token to whoever installs the host, short enough that a forgotten one dies.</summary>
    public const int MaxExpiresInMinutes = 7 * 24 * 60;
    public const int DefaultExpiresInMinutes = 60;
    private const int MaxCreatedBy = 256;

    /// <summary>How an enrollment with a token ended: the issued credential, or the status and the field at fault.</summary>
    public sealed record Enrollment(AgentEnrollment.Issued? Issued, int StatusCode, string? Field, string? Message);

    /// <summary>Mints a token; <paramref name="validBody"/> has passed <see cref="MintTokenValidator"/>.</summary>
    public async Task<MintedToken> MintAsync(MintTokenBody validBody, string? createdBy, CancellationToken ct)
    {
        var minutes = validBody.ExpiresInMinutes ?? DefaultExpiresInMinutes;
        if (minutes is < MinExpiresInMinutes or > MaxExpiresInMinutes || (validBody.Name is not null && !Names.IsValidAgentName(validBody.Name)))
            throw new ArgumentException("the body was not validated with MintTokenValidator", nameof(validBody));
        var now = time.GetUtcNow();
        var row = new EnrollmentToken
        {
            // The token embeds the id, so the row is created first with a hash nothing matches.
            TokenHash = "",
            Name = validBody.Name,
            CreatedBy = createdBy is { Length: > MaxCreatedBy } ? createdBy[..MaxCreatedBy] : createdBy,
            CreatedAt = now.ToUnixTimeMilliseconds(),
            ExpiresAt = now.AddMinutes(minutes).ToUnixTimeMilliseconds(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.EnrollmentTokens.Add(row);
        await db.SaveChangesAsync(ct);
        var token = Credentials.IssueEnrollmentToken(row.Id);
        row.TokenHash = Credentials.Hash(token);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Log.Minted(logger, row.Id, row.Name, minutes);
        return new MintedToken(row.Id, token, row.Name, Time.FromMs(row.ExpiresAt));
    }

    /// <summary>Every token, newest first, without the tokens themselves.</summary>
    public async Task<List<EnrollmentTokenDto>> ListAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = await db.EnrollmentTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(ct);
        return rows.Select(t => new EnrollmentTokenDto(
            t.Id, t.Name, Time.FromMs(t.CreatedAt), Time.FromMs(t.ExpiresAt), Time.FromMs(t.UsedAt), t.UsedBy,
            t.UsedAt is null && t.ExpiresAt > now)).ToList();
    }

    /// <summary>Deletes the token: an unused one can no longer enroll anything. False when there is no such token.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        var deleted = await Tracked.DeleteAsync(db, db.EnrollmentTokens, id, ct);
        if (deleted)
            Log.Deleted(logger, id);
        return deleted;
    }

    /// <summary>
    /// Enrolls with token <paramref name="tokenId"/> (authenticated already) and spends it, in one transaction: 401 when it
    /// is spent, expired or deleted (meanwhile, too), 409 naming <c>name</c> for a name the token may not enroll.
    /// </summary>
    internal async Task<Enrollment> EnrollAsync(long tokenId, EnrollApi.EnrollBody body, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = await db.EnrollmentTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || token.UsedAt is not null || token.ExpiresAt <= now)
            return Unusable();
        var name = token.Name ?? body.Name;
        if (name is null)
            return new(null, StatusCodes.Status400BadRequest, "name", $"name is required: {Names.Rule}");
        if (token.Name is not null && body.Name is not null && body.Name != token.Name)
            return new(null, StatusCodes.Status409Conflict, "name", $"this token enrolls the agent '{token.Name}' only, not '{body.Name}'");
        var exists = await db.Agents.AnyAsync(a => a.Name == name, ct);
        if (token.Name is null && exists)
            return new(null, StatusCodes.Status409Conflict, "name",
                $"an agent named '{name}' exists already; a token without a name enrolls a new name only (mint one for '{name}' to re-enroll it)");
        if (!exists && !AgentNames.IsValidNew(name))
            return new(null, StatusCodes.Status400BadRequest, "name", $"agent name '{name}' is invalid for a new agent: {AgentNames.NewRule}");

        var spent = await db.EnrollmentTokens
            .Where(t => t.Id == tokenId && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now).SetProperty(t => t.UsedBy, name), ct);
        if (spent == 0)
            return Unusable();
        AgentEnrollment.Issued issued;
        try
        {
            issued = await AgentEnrollment.IssueInTransactionAsync(db, name, body.Labels, body.Version, now, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another enrollment registered the same new name first (the unique index): the token stays unspent.
            return new(null, StatusCodes.Status409Conflict, "name", $"an agent named '{name}' exists already");
        }
        Log.Spent(logger, tokenId, name);
        return new(issued, StatusCodes.Status200OK, null, null);

        static Enrollment Unusable() => new(null, StatusCodes.Status401Unauthorized, null, "the enrollment token is spent, expired or deleted");
    }
}
