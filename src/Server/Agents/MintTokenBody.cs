namespace Linkwatch.Server.Agents;

/// <summary>
/// Body of <c>POST /api/enrollment-tokens</c>. <paramref name="Name"/>: the one agent name the token enrolls (re-enrolls or
/// un-revokes it); absent: any one new name. <paramref name="ExpiresInMinutes"/>: 1 to 10080, default 60.
/// </summary>
public sealed record MintTokenBody(string? Name, int? ExpiresInMinutes);
