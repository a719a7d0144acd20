using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Linkwatch.Server.Notifications.Channels.Webhook;

/// <summary>
/// A webhook body of the receiver's own shape: the <c>template</c> setting with <c>{{field}}</c>
/// placeholders. In a JSON body (the default content type) each value is inserted JSON-escaped, so
/// it belongs inside a string literal: <c>{"text":"{{check}} is {{status}}"}</c>.
/// </summary>
public static partial class WebhookTemplate
{
    public static readonly IReadOnlyList<string> Fields =
        ["event", "alertId", "rule", "checkId", "check", "agent", "verdict", "status", "at", "message", "url"];

    /// <summary>Problems with a template, each naming the setting; empty when it renders to a valid body.</summary>
    public static IEnumerable<string> Problems(string template, bool json)
    {
        foreach (Match placeholder in Placeholder().Matches(template))
        {
            if (!Fields.Contains(placeholder.Groups[1].Value, StringComparer.Ordinal))
                yield return $"template has an unknown field {{{{{placeholder.Groups[1].Value}}}}}; known: {string.Join(", ", Fields)}";
        }
        if (!json)
            yield break;
        var sample = Render(template, json: true, _ => "sample \"value\"");
        string? error = null;
        try
        {
            using var _ = JsonDocument.Parse(sample);
        }
        catch (JsonException ex)
        {
            error = $"template does not render to valid JSON ({ex.Message}); put placeholders inside string literals";
        }
        if (error is not null)
            yield return error;
    }

    public static string Render(string template, bool json, Notification notification) =>
        Render(template, json, field => ValueOf(notification, field));

    private static string Render(string template, bool json, Func<string, string?> value) =>
        Placeholder().Replace(template, m =>
        {
            var text = value(m.Groups[1].Value) ?? "";
            // Serialize gives a quoted, escaped JSON string: keep what is between the quotes.
            return json ? JsonSerializer.Serialize(text)[1..^1] : text;
        });

    private static string? ValueOf(Notification n, string field) => field switch
    {
        "event" => n.Event,
        "alertId" => n.AlertId?.ToString(CultureInfo.InvariantCulture),
        "rule" => n.Rule,
        "checkId" => n.CheckId?.ToString(CultureInfo.InvariantCulture),
        "check" => n.Check,
        "agent" => n.Agent,
        "verdict" => n.Verdict,
        "status" => n.Status,
        "at" => n.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        "message" => n.Message,
        "url" => n.Url,
        _ => null,
    };

    [GeneratedRegex(@"\{\{\s*([A-Za-z]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
