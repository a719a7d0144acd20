using System.Text.Json;

namespace Linkwatch.Server.History;

/// <summary>A result's latency for history: its total phase, else its connect phase, in ms; null with neither.</summary>
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
            if (doc.RootElement.TryGetProperty(Phases.Total, out var total) && total.TryGetDouble(out var t))
                return t;
            if (doc.RootElement.TryGetProperty(Phases.Connect, out var connect) && connect.TryGetDouble(out var c))
                return c;
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
