namespace Linkwatch.Server.Store;

/// <summary>An enrolled agent. Times are unix milliseconds (UTC).</summary>
public sealed class Agent
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole credential; the credential itself is never stored.</summary>
    public required string CredentialHash { get; set; }
    public bool Revoked { get; set; }
    /// <summary>JSON object of string labels.</summary>
    public string Labels { get; set; } = "{}";
    public string? Version { get; set; }
    public long? LastSeen { get; set; }
    /// <summary>JSON array of the addresses the agent reported in its last hello.</summary>
    public string Addresses { get; set; } = "[]";
    public long CreatedAt { get; set; }
}
