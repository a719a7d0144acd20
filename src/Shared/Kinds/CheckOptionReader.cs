using System.Globalization;
using System.Text.Json;

namespace Linkwatch.Shared.Kinds;

/// <summary>
/// Reads one kind's options by their camelCase names and collects errors that name the option.
/// Options the kind never reads are errors too: a typo must not be silently ignored.
/// </summary>
public sealed class CheckOptionReader(string kind, IReadOnlyDictionary<string, JsonElement> options)
{
    private readonly List<ValidationError> _errors = [];
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<OptionSpec> _asked = [];

    /// <summary>The longest text option value: a header value, a regex, a body marker.</summary>
    public const int MaxTextLength = 8 * 1024;

    public string Kind { get; } = kind;

    /// <summary>Every option the kind asked for, in the order it asked, with its type: what a form offers for the kind.</summary>
    public IReadOnlyList<OptionSpec> Asked => _asked;

    public string? GetString(string name)
    {
        Ask(name, OptionType.Text);
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        AddError(name, $"{name} must be a string");
        return null;
    }

    public bool GetBool(string name, bool defaultValue)
    {
        Ask(name, OptionType.Bool, defaultOn: defaultValue);
        if (!TryGet(name, out var value))
            return defaultValue;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        AddError(name, $"{name} must be true or false");
        return defaultValue;
    }

    public int? GetInt(string name, int min, int max)
    {
        Ask(name, OptionType.Integer, min, max);
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            AddError(name, $"{name} must be a whole number");
            return null;
        }
        if (number < min || number > max)
        {
            AddError(name, string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}, not {number}"));
            return null;
        }
        return number;
    }

    /// <summary>A number of seconds (decimals allowed), within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? GetSeconds(string name, double min, double max)
    {
        Ask(name, OptionType.Seconds, min, max);
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            AddError(name, $"{name} must be a number of seconds");
            return null;
        }
        if (number < min || number > max)
        {
            AddError(name, string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max} seconds, not {number}"));
            return null;
        }
        return number;
    }

    /// <summary>A string that, when given, must not be empty.</summary>
    public string? GetNonEmptyString(string name)
    {
        var text = GetString(name);
        if (text is "")
        {
            AddError(name, $"{name} must not be empty");
            return null;
        }
        return text;
    }

    /// <summary>
    /// A file that must exist (a CA bundle). The server checks its own file system, which is the
    /// agent's too for the embedded agent; a remote agent reports a missing file when it runs.
    /// </summary>
    public string? GetExistingFile(string name)
    {
        var path = GetNonEmptyString(name);
        if (path is not null && !File.Exists(path))
            AddError(name, $"{name} '{path}' does not exist");
        return path;
    }

    /// <summary>A DNS host name (a TLS server name), when given.</summary>
    public string? GetHostName(string name)
    {
        var host = GetNonEmptyString(name);
        if (host is not null && Uri.CheckHostName(host) != UriHostNameType.Dns)
            AddError(name, $"{name} '{host}' is not a host name");
        return host;
    }

    /// <summary>A write-only string (a password, a token): validated like any string, shown nowhere.</summary>
    public string? GetSecret(string name)
    {
        Ask(name, OptionType.Secret);
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            AddError(name, $"{name} must be a string");
            return null;
        }
        var text = value.GetString()!;
        if (text.Length == 0)
        {
            AddError(name, $"{name} must not be empty");
            return null;
        }
        if (text.Length > MaxTextLength || text.Any(char.IsControl))
        {
            AddError(name, $"{name} must be at most {MaxTextLength} characters without control characters");
            return null;
        }
        return text;
    }

    /// <summary>An object of string values, at most <paramref name="maxCount"/> entries; each value error names <c>name.key</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? GetStringMap(string name, int maxCount)
    {
        Ask(name, OptionType.Headers);
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            AddError(name, $"{name} must be an object of names to strings");
            return null;
        }
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            if (entries.Count == maxCount)
            {
                AddError(name, string.Create(CultureInfo.InvariantCulture, $"{name} may hold at most {maxCount} entries"));
                return null;
            }
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                AddError($"{name}.{property.Name}", $"{name}.{property.Name} must be a string");
                return null;
            }
            entries.Add(new(property.Name, property.Value.GetString()!));
        }
        return entries;
    }

    /// <summary>An array of strings, at most <paramref name="maxCount"/>; an item's error names <c>name[i]</c>.</summary>
    public IReadOnlyList<string>? GetStringList(string name, int maxCount)
    {
        Ask(name, OptionType.TextList);
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            AddError(name, $"{name} must be an array of strings");
            return null;
        }
        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (index == maxCount)
            {
                AddError(name, string.Create(CultureInfo.InvariantCulture, $"{name} may hold at most {maxCount} items"));
                return null;
            }
            var itemName = string.Create(CultureInfo.InvariantCulture, $"{name}[{index}]");
            if (item.ValueKind != JsonValueKind.String)
            {
                AddError(itemName, $"{itemName} must be a string");
                return null;
            }
            items.Add(item.GetString()!);
            index++;
        }
        return items;
    }

    /// <summary>
    /// A list of HTTP statuses: a number (<c>200</c>) or a string of numbers and ranges (<c>"200-299,301"</c>),
    /// each within 100..599, at most <see cref="StatusRanges.MaxRanges"/> parts.
    /// </summary>
    public StatusRanges? GetStatusList(string name)
    {
        Ask(name, OptionType.StatusList, 100, 599);
        if (!TryGet(name, out var value))
            return null;
        string text;
        if (value.ValueKind == JsonValueKind.Number)
            text = value.GetRawText();
        else if (value.ValueKind == JsonValueKind.String)
            text = value.GetString()!;
        else
        {
            AddError(name, $"{name} must be a status (200) or a list like \"200-299,301\"");
            return null;
        }
        if (!StatusRanges.TryParse(text, out var ranges, out var error))
        {
            AddError(name, $"{name} {error}");
            return null;
        }
        return ranges;
    }

    /// <summary>Records a problem with option <paramref name="name"/>.</summary>
    public void AddError(string name, string message) => _errors.Add(new ValidationError(name, message));

    /// <summary>All errors, including one per option the kind did not read.</summary>
    public IReadOnlyList<ValidationError> Complete()
    {
        foreach (var name in options.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal))
            _errors.Add(new ValidationError(name, $"{name} does not apply to kind {Kind}"));
        return _errors;
    }

    /// <summary>The first way an option is asked for is its type (a string read as a file path is still text).</summary>
    private void Ask(string name, OptionType type, double? min = null, double? max = null, bool defaultOn = false)
    {
        if (!_asked.Exists(o => o.Name == name))
            _asked.Add(new OptionSpec(name, type, min, max, defaultOn));
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _read.Add(name);
        if (options.TryGetValue(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            return true;
        value = default;
        return false;
    }
}
