using System.Globalization;
using System.Text.Json;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// Lenient reads of an exported JSON object's fields: a field of an unexpected type reads as absent, because an
/// export written by another version may store a number as a string or a boolean as 0/1.
/// </summary>
internal static class JsonFields
{
    public static JsonElement? Field(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    public static string? String(this JsonElement obj, string name) => obj.Field(name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    /// <summary>A non-empty, trimmed string, or null.</summary>
    public static string? Text(this JsonElement obj, string name) =>
        obj.String(name)?.Trim() is { Length: > 0 } text ? text : null;

    public static double? Number(this JsonElement obj, string name) => obj.Field(name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) && double.IsFinite(d) => d,
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) => d,
        _ => null,
    };

    /// <summary>A whole number in int range (a fraction is rounded), or null.</summary>
    public static int? Int(this JsonElement obj, string name) =>
        obj.Number(name) is { } d && d >= int.MinValue && d <= int.MaxValue ? (int)Math.Round(d) : null;

    public static bool? Bool(this JsonElement obj, string name) => obj.Field(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.Number } n => n.TryGetDouble(out var d) ? d != 0 : null,
        { ValueKind: JsonValueKind.String } s => s.GetString()?.Trim().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" or "" => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>The field as a JSON object: an object, or a string holding one (Kuma stores some objects as JSON text).</summary>
    public static JsonElement? Object(this JsonElement obj, string name, out bool malformed)
    {
        malformed = false;
        switch (obj.Field(name))
        {
            case { ValueKind: JsonValueKind.Object } o:
                return o;
            case { ValueKind: JsonValueKind.String } s when !string.IsNullOrWhiteSpace(s.GetString()):
                try
                {
                    using var doc = JsonDocument.Parse(s.GetString()!, new JsonDocumentOptions { MaxDepth = ImportLimits.MaxDepth });
                    if (doc.RootElement.ValueKind == JsonValueKind.Object)
                        return doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                }
                malformed = true;
                return null;
            case null:
                return null;
            default:
                malformed = true;
                return null;
        }
    }

    /// <summary>A JSON value as text for a string setting: a string as is, anything else as its JSON.</summary>
    public static string AsText(this JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
}
