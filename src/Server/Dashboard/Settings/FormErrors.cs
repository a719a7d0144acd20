namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>
/// What a form shows about its last submit: each bad field's message at the field (keyed as the API keys it:
/// <c>name</c>, <c>options.port</c>, <c>settings.url</c>), and a problem with the change as a whole. The values
/// the user typed are the form's own and are never reset by a refusal.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string[]> _fields = new(StringComparer.Ordinal);

    public string? Problem { get; private set; }

    public bool Any => _fields.Count > 0 || Problem is not null;

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>The field's messages as one line, or null when it is fine.</summary>
    public string? this[string field] => _fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Whether an item of a list or object field has an error (<c>options.expectJson[1]</c>, <c>options.headers.X</c>).</summary>
    public bool HasUnder(string field) => _fields.Keys.Any(k => IsUnder(k, field));

    /// <summary>The messages of the field and of its items, as one line; null when all are fine.</summary>
    public string? Under(string field)
    {
        var messages = _fields.Where(f => f.Key == field || IsUnder(f.Key, field)).SelectMany(f => f.Value).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private static bool IsUnder(string key, string field) =>
        key.Length > field.Length && key.StartsWith(field, StringComparison.Ordinal) && key[field.Length] is '[' or '.';

    public void Clear()
    {
        _fields.Clear();
        Problem = null;
    }

    /// <summary>A fault found before the validator runs (a number that is not one): worded as the API words it.</summary>
    public void Add(string field, string message) =>
        _fields[field] = _fields.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>Takes a refused change's errors; returns whether the change was done.</summary>
    public bool Take<T>(ChangeOutcome<T> outcome)
    {
        Clear();
        foreach (var (field, messages) in outcome.Errors)
            _fields[field] = messages;
        Problem = outcome.Problem;
        return outcome.Done;
    }

    /// <summary>Adds the validator's findings to faults of the text itself, which win (they are what the user typed).</summary>
    public void Merge(IReadOnlyDictionary<string, string[]> found)
    {
        foreach (var (field, messages) in found)
            _fields.TryAdd(field, messages);
    }

    /// <summary>Errors for fields the form has no input for, so that none is hidden.</summary>
    public IEnumerable<(string Field, string Message)> Elsewhere(IEnumerable<string> shown)
    {
        var placed = shown.ToHashSet(StringComparer.Ordinal);
        return _fields.Where(f => !placed.Contains(f.Key) && !placed.Any(p => IsUnder(f.Key, p)))
            .Select(f => (f.Key, string.Join(" ", f.Value)));
    }
}
