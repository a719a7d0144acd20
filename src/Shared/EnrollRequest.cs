namespace Linkwatch.Shared;

/// <summary>Body of <c>POST /api/enroll</c>, authenticated by the enrollment token as bearer.</summary>
public sealed record EnrollRequest
{
    public required string Name { get; init; }
    public Dictionary<string, string> Labels { get; init; } = [];
    public string? Version { get; init; }
}
