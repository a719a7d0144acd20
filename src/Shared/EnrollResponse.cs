namespace Linkwatch.Shared;

/// <summary>The agent's own credential, shown once; the server keeps only its hash.</summary>
public sealed record EnrollResponse
{
    public required string Name { get; init; }
    public required string Credential { get; init; }
}
