namespace Linkwatch.Server.Notifications.Channels;

/// <summary>
/// The checks settings records share. Each returns the error or null, so a record's
/// <c>Validate</c> is one list of rules passed to <see cref="Check"/>.
/// </summary>
public static class SettingRules
{
    public static IEnumerable<SettingError> Check(params SettingError?[] results) => results.OfType<SettingError>();

    public static SettingError? Required(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? new(name, $"{name} is required (a string)") : null;

    /// <summary>Present means non-empty: an empty string is almost always a form field left blank by mistake.</summary>
    public static SettingError? NonEmpty(string name, string? value) =>
        value is { Length: 0 } ? new(name, $"{name} must be a non-empty string") : null;

    /// <summary>
    /// An absolute http(s) URL. Loopback and private addresses are allowed on purpose: self-hosted
    /// receivers (and the tests' local fakes of public APIs) live there.
    /// </summary>
    public static SettingError? HttpUrl(string name, string? value) =>
        IsHttpUrl(value) ? null : new(name, $"{name} must be an absolute http or https URL");

    public static SettingError? OneOf(string name, string? value, IReadOnlyCollection<string> allowed) =>
        value is null || allowed.Contains(value) ? null : new(name, $"{name} must be one of: {string.Join(", ", allowed)}");

    public static SettingError? Range(string name, int? value, int min, int max) =>
        value is null || (value >= min && value <= max) ? null : new(name, $"{name} must be between {min} and {max}");

    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>A base URL without its trailing slash, so paths can be appended.</summary>
    public static string Trimmed(string url) => url.TrimEnd('/');
}
