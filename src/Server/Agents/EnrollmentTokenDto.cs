namespace Linkwatch.Server.Agents;

/// <summary>
/// A minted enrollment token as listed (never the token itself). <paramref name="UsedAt"/> and <paramref name="UsedBy"/>
/// (the agent name it enrolled) are set once it is spent; <paramref name="Usable"/>: neither spent nor expired.
/// </summary>
public sealed record EnrollmentTokenDto(
    long Id, string? Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, string? UsedBy, bool Usable);
