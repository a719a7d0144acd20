using System.Text.Json;
using Linkwatch.Server.Notifications;

namespace Linkwatch.Server.Notifications.Channels;

/// <summary>Reading and checking the JSON settings every plug-in receives.</summary>
public static class ChannelSettings
{
    public static string? String(JsonElement settings, string name) =>
        settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public static int? Int(JsonElement settings, string name) =>
        settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : null;

    /// <summary>A list of strings; a single string counts as a one-item list. Null when absent or of another shape.</summary>
    public static List<string>? StringList(JsonElement settings, string name)
    {
        if (settings.ValueKind != JsonValueKind.Object || !settings.TryGetProperty(name, out var v))
            return null;
        if (v.ValueKind == JsonValueKind.String)
            return [v.GetString()!];
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            return null;
        return [.. v.EnumerateArray().Select(e => e.GetString()!)];
    }

    public static bool Has(JsonElement settings, string name) =>
        settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>Settings must be an object; names a missing or non-string required key.</summary>
    public static void RequireString(JsonElement settings, string name, List<SettingError> errors)
    {
        if (string.IsNullOrWhiteSpace(String(settings, name)))
            errors.Add(new(name, $"{name} is required (a string)"));
    }

    /// <summary>
    /// An absolute http(s) URL. Loopback and private addresses are allowed on purpose: self-hosted
    /// receivers (and the tests' local fakes of public APIs) live there.
    /// </summary>
    public static void RequireHttpUrl(JsonElement settings, string name, List<SettingError> errors, bool optional = false)
    {
        var text = String(settings, name);
        if (text is null && optional && !(settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out _)))
            return;
        if (!IsHttpUrl(text))
            errors.Add(new(name, $"{name} must be an absolute http or https URL"));
    }

    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Validation for a plug-in's settings object itself.</summary>
    public static List<SettingError> Start(JsonElement settings)
    {
        var errors = new List<SettingError>();
        if (settings.ValueKind != JsonValueKind.Object)
            errors.Add(new("", "settings must be a JSON object"));
        return errors;
    }

    /// <summary>A base URL with the trailing slash trimmed, so paths can be appended.</summary>
    public static string BaseUrl(JsonElement settings, string name, string fallback) =>
        (String(settings, name) ?? fallback).TrimEnd('/');
}
