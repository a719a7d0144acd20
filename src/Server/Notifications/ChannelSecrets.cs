using System.Text.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications;

/// <summary>
/// The API's handling of a provider's secret settings (<see cref="INotificationChannel.SecretFields"/>):
/// never echoed back, and not lost when a client updates a channel without knowing them.
/// </summary>
public static class ChannelSecrets
{
    /// <summary>What responses show instead of a secret's value.</summary>
    public const string Mask = "***";

    /// <summary>The settings with each secret replaced by <see cref="Mask"/>; a type without a provider shows no values at all.</summary>
    public static JsonElement Masked(string settingsJson, INotificationChannel? provider)
    {
        if (JsonNode.Parse(settingsJson) is not JsonObject settings)
            return ToElement(new JsonObject());
        foreach (var key in settings.Select(p => p.Key).ToList())
        {
            if (provider is null || provider.SecretFields.Contains(key, StringComparer.OrdinalIgnoreCase))
                settings[key] = Mask;
        }
        return ToElement(settings);
    }

    /// <summary>
    /// An update's settings with each secret it omits (or sends back as <see cref="Mask"/>, as read from a GET)
    /// taken from the stored settings, so editing a channel's other fields keeps its credentials.
    /// </summary>
    public static JsonElement KeepOmitted(JsonElement update, string storedJson, INotificationChannel provider)
    {
        if (update.ValueKind != JsonValueKind.Object || JsonNode.Parse(storedJson) is not JsonObject stored)
            return update;
        var merged = JsonNode.Parse(update.GetRawText())!.AsObject();
        foreach (var key in provider.SecretFields)
        {
            var omitted = !merged.TryGetPropertyValue(key, out var value)
                || (value is JsonValue v && v.TryGetValue<string>(out var text) && text == Mask);
            if (omitted && stored.TryGetPropertyValue(key, out var kept))
                merged[key] = kept?.DeepClone();
        }
        return ToElement(merged);
    }

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
