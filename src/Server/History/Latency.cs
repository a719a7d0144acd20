using System.Text.Json;

namespace Linkwatch.Server.History;

/// <summary>
/// A result's latency as a person means it, from its stored phases JSON: the whole attempt (total), else the connect
/// time, in ms; null with neither. The rollups and the dashboard both read it here.
/// </summary>
public static class Latency
{
    public static double? Of(string? phases)
    {
        if (string.IsNullOrEmpty(phases))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(phases);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            foreach (var name in (ReadOnlySpan<string>)[Phases.Total, Phases.Connect])
            {
                if (doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var ms))
                    return ms;
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
