namespace Linkwatch.Server.Agents;

/// <summary>Registers an agent name, or re-issues its credential; shared by enrollment and the embedded agent.</summary>
public static class AgentEnrollment
{
    public sealed record Issued(Platform.Store.Agent Agent, string Credential, bool IsNew);

    /// <summary>
    /// Creates the agent if needed, replaces its credential (only the hash is stored) and clears a
    /// revocation, in a transaction of its own. The caller aborts a live connection made with the old credential.
    /// </summary>
    public static async Task<Issued> IssueAsync(LinkwatchDbContext db, string name, Dictionary<string, string>? labels,
        string? version, long now, CancellationToken cancellationToken) =>
        (await IssueAsync(db, name, labels, version, now, newOnly: false, cancellationToken))!;

    /// <summary>With <paramref name="newOnly"/>, null when the name exists (nothing changes): the shared token's enrollment.</summary>
    public static async Task<Issued?> IssueAsync(LinkwatchDbContext db, string name, Dictionary<string, string>? labels,
        string? version, long now, bool newOnly, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (newOnly && await db.Agents.AnyAsync(a => a.Name == name, cancellationToken))
            return null;
        var issued = await IssueInTransactionAsync(db, name, labels, version, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return issued;
    }

    /// <summary>
    /// <see cref="IssueAsync"/> inside the caller's transaction, so that it commits (or not) with what else the caller
    /// did there, such as spending a single-use token. A new agent gets <paramref name="labels"/>; an existing one keeps
    /// its labels unless <paramref name="labels"/> has some (an admin's edit survives a re-enrollment without labels).
    /// </summary>
    public static async Task<Issued> IssueInTransactionAsync(LinkwatchDbContext db, string name, Dictionary<string, string>? labels,
        string? version, long now, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        var isNew = agent is null;
        if (agent is null)
        {
            // The credential embeds the id, so the row is created first with a hash nothing matches.
            agent = new Platform.Store.Agent { Name = name, CredentialHash = "", CreatedAt = now };
            db.Agents.Add(agent);
            await db.SaveChangesAsync(cancellationToken);
        }
        var credential = Credentials.IssueAgentCredential(agent.Id);
        agent.CredentialHash = Credentials.Hash(credential);
        agent.Revoked = false;
        if (labels is not null && (isNew || labels.Count > 0))
            agent.Labels = StoredJson.WriteLabels(labels);
        if (version is not null)
            agent.Version = version.Length > 100 ? version[..100] : version;
        await db.SaveChangesAsync(cancellationToken);
        return new Issued(agent, credential, isNew);
    }
}
