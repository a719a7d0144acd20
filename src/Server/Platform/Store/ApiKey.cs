namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// An API key of one person: it acts with that person's current role, and stops working when they are disabled or
/// deleted, or when it is revoked. The key is shown once; <see cref="KeyHash"/> is its SHA-256. Times are unix ms.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public long CreatedAt { get; set; }
    public long? LastUsedAt { get; set; }
}
