namespace Linkwatch.Server.Agents;

/// <summary>A freshly minted enrollment token: <paramref name="Token"/> is shown this once and never stored.</summary>
public sealed record MintedToken(long Id, string Token, string? Name, DateTimeOffset ExpiresAt);
