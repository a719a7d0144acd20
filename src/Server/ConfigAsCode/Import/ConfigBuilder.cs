using System.Globalization;
using System.Text;
using Linkwatch.Server.Platform.Http;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// Collects the translated checks, channels and alert rules with the notes about them, keeps names unique per kind,
/// turns secrets into <c>${ENV}</c> references, and writes the config-as-code YAML.
/// </summary>
internal sealed class ConfigBuilder
{
    private readonly List<YamlMap> _checks = [];
    private readonly List<YamlMap> _channels = [];
    private readonly List<YamlMap> _rules = [];
    private readonly Dictionary<ObjectKind, HashSet<string>> _names = new()
    {
        [ObjectKind.Check] = new(StringComparer.OrdinalIgnoreCase),
        [ObjectKind.Channel] = new(StringComparer.OrdinalIgnoreCase),
        [ObjectKind.AlertRule] = new(StringComparer.OrdinalIgnoreCase),
    };
    private readonly Dictionary<(ObjectKind, string), int> _nextSuffix = new(new SuffixKeyComparer());
    private readonly HashSet<string> _environmentNames = new(StringComparer.Ordinal);
    private readonly List<ImportNote> _notes = [];

    public enum ObjectKind { Check, Channel, AlertRule }

    public void Note(string item, string reason) => _notes.Add(new(item, reason));

    /// <summary>
    /// A name for a new object of <paramref name="kind"/>: the source's name cleaned up (one line, at most
    /// <see cref="Names.MaxLength"/> characters), or <paramref name="fallback"/>, made unique with " (2)", " (3)", ...
    /// </summary>
    public string UniqueName(ObjectKind kind, string? wanted, string fallback, string item)
    {
        var name = Clean(wanted);
        if (name.Length == 0)
            name = fallback;
        else if (name.Length > Names.MaxLength)
        {
            name = name[..Names.MaxLength].TrimEnd();
            Note(item, string.Create(CultureInfo.InvariantCulture, $"the name was cut to {Names.MaxLength} characters"));
        }
        var taken = _names[kind];
        var unique = name;
        // Start after the last suffix given to this name, so that many equal names stay linear.
        var next = _nextSuffix.GetValueOrDefault((kind, name), 2);
        for (var n = next; !taken.Add(unique); n++)
        {
            _nextSuffix[(kind, name)] = n + 1;
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            unique = (name.Length + suffix.Length > Names.MaxLength ? name[..(Names.MaxLength - suffix.Length)] : name) + suffix;
        }
        if (unique != name)
            Note(item, $"renamed to \"{unique}\": another {Describe(kind)} already has the name \"{name}\" (names are unique per kind)");
        return unique;
    }

    /// <summary>
    /// The <c>${LINKWATCH_...}</c> reference that stands for a secret setting, with a note asking the user to set
    /// that variable on the server. The secret's value never goes into the YAML or a note.
    /// </summary>
    public string SecretReference(string owner, string setting, string item, string what)
    {
        var baseName = EnvironmentName("LINKWATCH_" + owner + "_" + setting);
        var name = baseName;
        for (var n = 2; !_environmentNames.Add(name); n++)
            name = string.Create(CultureInfo.InvariantCulture, $"{baseName}_{n}");
        Note(item, $"{what} is a secret: set the environment variable {name} on the Linkwatch server to it before applying (the YAML refers to it as ${{{name}}})");
        return "${" + name + "}";
    }

    public void AddCheck(YamlMap check) => _checks.Add(check);

    public void AddChannel(YamlMap channel) => _channels.Add(channel);

    public void AddRule(YamlMap rule) => _rules.Add(rule);

    public ImportResult Build()
    {
        var root = new YamlMap();
        if (_checks.Count > 0)
            root.Add("checks", _checks);
        if (_channels.Count > 0)
            root.Add("channels", _channels);
        if (_rules.Count > 0)
            root.Add("alertRules", _rules);
        return new ImportResult(YamlText.Write(root), _notes.ToList());
    }

    /// <summary>How a note names a source item: <c>list[index] "name"</c>.</summary>
    public static string Item(string list, int index, string? name)
    {
        var shown = Clean(name);
        if (shown.Length > 80)
            shown = shown[..80] + "...";
        return string.Create(CultureInfo.InvariantCulture, $"{list}[{index}]") + (shown.Length > 0 ? $" \"{shown}\"" : "");
    }

    /// <summary>Upper case, every character but ASCII letters and digits as <c>_</c>, runs of <c>_</c> as one.</summary>
    public static string EnvironmentName(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var next = char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_';
            if (next != '_' || builder.Length == 0 || builder[^1] != '_')
                builder.Append(next);
        }
        var name = builder.ToString().TrimEnd('_');
        return name.Length > 120 ? name[..120].TrimEnd('_') : name;
    }

    private static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var builder = new StringBuilder(Math.Min(text.Length, 1024));
        foreach (var c in text)
        {
            if (builder.Length >= 1024)
                break;
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        return builder.ToString().Trim();
    }

    private sealed class SuffixKeyComparer : IEqualityComparer<(ObjectKind Kind, string Name)>
    {
        public bool Equals((ObjectKind Kind, string Name) x, (ObjectKind Kind, string Name) y) =>
            x.Kind == y.Kind && StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name);

        public int GetHashCode((ObjectKind Kind, string Name) key) =>
            HashCode.Combine(key.Kind, StringComparer.OrdinalIgnoreCase.GetHashCode(key.Name));
    }

    private static string Describe(ObjectKind kind) => kind switch
    {
        ObjectKind.Check => "check",
        ObjectKind.Channel => "channel",
        _ => "alert rule",
    };
}
