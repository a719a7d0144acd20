using System.Text.Json;

namespace Linkwatch.Agent.Probes;

/// <summary>One run of one check: what the scheduler or the <c>check</c> verb hands to the runner.</summary>
public sealed record CheckRequest(
    string Kind,
    string Target,
    string Family,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, JsonElement> Options);
