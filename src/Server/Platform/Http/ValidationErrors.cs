using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// The bad fields of one request and what is wrong with each, as a validation problem lists them. The rules every
/// endpoint shares (display names, agent names, labels, ranges, query values) are here, so that a field is judged
/// and worded the same way on every endpoint.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, string[]> _fields = new(StringComparer.Ordinal);

    public int Count => _fields.Count;

    /// <summary>Each bad field and what is wrong with it, as the API's problem and a form's fields show them.</summary>
    public IReadOnlyDictionary<string, string[]> Fields => _fields;

    /// <summary>One bad field, for endpoints with a single rule.</summary>
    public static ValidationErrors Of(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Set(field, message);
        return errors;
    }

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>Replaces what was said about the field: checks run general to specific, and the specific one wins.</summary>
    public void Set(string field, string message) => _fields[field] = [message];

    /// <summary>Adds to what was said about the field, for rules that can find several faults in one field.</summary>
    public void Add(string field, string message) =>
        _fields[field] = _fields.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(_fields);

    /// <summary>A display name: required, at most <see cref="Names.MaxLength"/> characters. Returns it trimmed.</summary>
    public string? Name(string? value, string field = "name")
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
            Set(field, $"{field} is required");
        else if (name.Length > Names.MaxLength)
            Set(field, $"{field} must be at most {Names.MaxLength} characters");
        return name;
    }

    /// <summary>An agent name (see <see cref="Names.IsValidAgentName"/>); absent is fine unless <paramref name="required"/>.</summary>
    public void AgentName(string field, string? name, bool required = false)
    {
        if (name is null && !required)
            return;
        if (!Names.IsValidAgentName(name))
            Set(field, name is null ? $"{field} is required: {Names.Rule}" : $"agent name '{name}' is invalid: {Names.Rule}");
    }

    /// <summary>A list of agent names, judged by the first bad one.</summary>
    public void AgentNames(string field, IEnumerable<string>? names)
    {
        if (names?.FirstOrDefault(n => !Names.IsValidAgentName(n)) is { } bad)
            AgentName(field, bad);
    }

    /// <summary>Labels select checks and agents by exact name and value, so a label needs a name.</summary>
    public void Labels(IReadOnlyDictionary<string, string>? labels, string field = "labels")
    {
        if (labels is null)
            return;
        if (labels.Count > MaxLabels)
            Set(field, $"at most {MaxLabels} labels");
        else if (labels.Keys.Any(string.IsNullOrWhiteSpace))
            Set(field, "label names must not be empty");
        else if (labels.Keys.FirstOrDefault(k => k.Length > MaxLabelName || k.Any(char.IsControl)) is { } name)
            Set(field, $"label name '{Shown(name)}' must be at most {MaxLabelName} characters, without control characters");
        else if (labels.FirstOrDefault(l => l.Value is null || l.Value.Length > MaxLabelValue || l.Value.Any(char.IsControl)) is { Key: not null } bad)
            Set(field, $"the value of label '{bad.Key}' must be at most {MaxLabelValue} characters, without control characters");
    }

    public const int MaxLabels = 32;
    public const int MaxLabelName = 63;
    public const int MaxLabelValue = 255;

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;

    public void Range(string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
            Set(field, $"{field} must be between {min} and {max}");
    }

    /// <summary>An optional integer query value; absent is null.</summary>
    public long? Integer(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        Set(field, $"{field} must be an integer");
        return null;
    }

    /// <summary>The optional <c>from</c> and <c>to</c> times of a list query.</summary>
    public (long? From, long? To) TimeRange(string? from, string? to) => (Time("from", from), Time("to", to));

    /// <summary>An optional ISO-8601 time query value (a missing offset means UTC) as unix milliseconds.</summary>
    public long? Time(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value.ToUnixTimeMilliseconds();
        Set(field, $"{field} must be an ISO-8601 time such as 2026-11-22T10:11:12.345Z");
        return null;
    }
}
