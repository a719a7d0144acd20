namespace Linkwatch.Server.Platform.Store;

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
    /// <summary>JSON array of the addresses other agents should use for its responder; null when it advertised none.</summary>
    public string? ResponderAddresses { get; set; }
    /// <summary>JSON <see cref="Shared.ResponderPorts"/> from its last hello; null when it runs no responder.</summary>
    public string? ResponderPorts { get; set; }
}
