namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// A single-use enrollment token an admin minted. Times are unix milliseconds (UTC). The token itself is shown once
/// and never stored: <see cref="TokenHash"/> is its SHA-256, like an agent credential's.
/// </summary>
public sealed class EnrollmentToken
{
    public long Id { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string TokenHash { get; set; }
    /// <summary>The one agent name the token enrolls; null: any one new name.</summary>
    public string? Name { get; set; }
    /// <summary>Who minted it (the signed-in person), when known.</summary>
    public string? CreatedBy { get; set; }
    public long CreatedAt { get; set; }
    public long ExpiresAt { get; set; }
    /// <summary>When an enrollment spent it; null while unused.</summary>
    public long? UsedAt { get; set; }
    /// <summary>The agent name it enrolled.</summary>
    public string? UsedBy { get; set; }
}
