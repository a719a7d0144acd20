using System.Text.Json;

namespace Linkwatch.Server.Notifications.Channels;

/// <summary>
/// Reads typed values from a channel's JSON settings object. A key that is absent or null reads as null;
/// a key of the wrong JSON type reads as null too and is reported once, under its own name.
/// </summary>
public sealed class SettingReader
{
    private readonly JsonElement _settings;
    private readonly List<SettingError> _errors = [];
    private readonly List<SettingField> _asked = [];

    private SettingReader(JsonElement settings) => _settings = settings;

    /// <summary>The settings record, or null with the errors (type errors first, then the record's own checks).</summary>
    public static (TSettings? Settings, IReadOnlyList<SettingError> Errors) Parse<TSettings>(JsonElement settings)
        where TSettings : class, IChannelSettings<TSettings>
    {
        if (settings.ValueKind != JsonValueKind.Object)
            return (null, [new("", "settings must be a JSON object")]);
        var reader = new SettingReader(settings);
        var parsed = TSettings.Read(reader);
        var typed = reader._errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var errors = new List<SettingError>(reader._errors);
        // A key with a type error would only be reported again, less precisely, by the record's checks.
        errors.AddRange(parsed.Validate().Where(e => !typed.Contains(e.Field)));
        return errors.Count > 0 ? (null, errors) : (parsed, errors);
    }

    /// <summary>
    /// The settings <typeparamref name="TSettings"/> reads, in order, found by reading an empty object: what the
    /// channel form offers for the type, so a new setting shows up there without a second list to keep.
    /// </summary>
    public static IReadOnlyList<SettingField> FieldsOf<TSettings>() where TSettings : class, IChannelSettings<TSettings>
    {
        var reader = new SettingReader(JsonDocument.Parse("{}").RootElement);
        TSettings.Read(reader);
        return reader._asked.DistinctBy(f => f.Name).Select(f => f with { Secret = TSettings.SecretFields.Contains(f.Name) }).ToList();
    }

    public string? String(string name) =>
        Value(name, JsonValueKind.String, "a string") is { } v ? v.GetString() : null;

    public int? Int(string name)
    {
        _asked.Add(new(name, SettingKind.Number));
        if (Value(name, JsonValueKind.Number, "a whole number") is not { } v)
            return null;
        if (v.TryGetInt32(out var i))
            return i;
        Error(name, "a whole number");
        return null;
    }

    /// <summary>A list of strings; a single string counts as a one-item list.</summary>
    public IReadOnlyList<string>? StringList(string name)
    {
        _asked.Add(new(name, SettingKind.List));
        if (!_settings.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        if (v.ValueKind == JsonValueKind.String)
            return [v.GetString()!];
        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return [.. v.EnumerateArray().Select(e => e.GetString()!)];
        Error(name, "a string or a list of strings");
        return null;
    }

    /// <summary>A string or a number, kept as its JSON (ids some APIs take in either form).</summary>
    public JsonElement? StringOrNumber(string name)
    {
        _asked.Add(new(name, SettingKind.Text));
        if (!_settings.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        if (v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            return v.Clone();
        Error(name, "a string or a number");
        return null;
    }

    private JsonElement? Value(string name, JsonValueKind kind, string what)
    {
        if (kind == JsonValueKind.String)
            _asked.Add(new(name, SettingKind.Text));
        if (!_settings.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        if (v.ValueKind == kind)
            return v;
        Error(name, what);
        return null;
    }

    private void Error(string name, string what) => _errors.Add(new(name, $"{name} must be {what}"));
}

/// <summary>How a setting is written: a string, a whole number, or a list of strings.</summary>
public enum SettingKind
{
    Text,
    Number,
    List,
}

/// <summary>One setting a channel type reads; <see cref="Secret"/> ones are masked when shown and kept when left empty.</summary>
public sealed record SettingField(string Name, SettingKind Kind, bool Secret = false);
