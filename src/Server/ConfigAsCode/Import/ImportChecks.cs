using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Linkwatch.Server.Platform.Http;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds;
using Linkwatch.Shared.Kinds.Dns;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>What both translators need to write a check the server will accept.</summary>
internal static partial class ImportChecks
{
    public const int MinIntervalSeconds = 1;
    public const int MaxIntervalSeconds = 86400;

    /// <summary>Headers the agent sets itself and the server refuses in <c>options.headers</c>.</summary>
    public static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "TE", "Trailer", "Keep-Alive", "Proxy-Connection",
    };

    /// <summary>The record types a dns check can ask for, upper case.</summary>
    public static readonly IReadOnlyList<string> DnsTypes = Enum.GetNames<DnsRecordType>();

    /// <summary><c>host:port</c>, with an IPv6 address in brackets.</summary>
    public static string HostPort(string host, int port)
    {
        var h = host.Trim();
        if (h.Contains(':', StringComparison.Ordinal) && !h.StartsWith('['))
            h = "[" + h + "]";
        return h + ":" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="target"/> is one the server takes for <paramref name="kind"/>; if not, a note says why.</summary>
    public static bool CheckTarget(ConfigBuilder builder, string item, string kind, string? target)
    {
        if (Targets.TryParse(kind, target, out _, out var error))
            return true;
        builder.Note(item, $"not imported: its target is not a valid {kind} target ({error})");
        return false;
    }

    /// <summary>The interval within the server's bounds, with a note when it had to change.</summary>
    public static int Interval(ConfigBuilder builder, string item, double? seconds, int fallback)
    {
        if (seconds is null)
            return fallback;
        var rounded = (int)Math.Clamp(Math.Ceiling(seconds.Value), MinIntervalSeconds, MaxIntervalSeconds);
        if (rounded != seconds.Value)
            builder.Note(item, string.Create(CultureInfo.InvariantCulture,
                $"interval {seconds.Value} s became {rounded} s (Linkwatch takes whole seconds from {MinIntervalSeconds} to {MaxIntervalSeconds})"));
        return rounded;
    }

    /// <summary>A timeout within the server's bounds (at most the interval and <see cref="CheckSpec.MaxTimeoutSeconds"/>), or null for none.</summary>
    public static double? Timeout(double? seconds, int intervalSeconds)
    {
        if (seconds is not > 0)
            return null;
        var limited = Math.Min(seconds.Value, Math.Min(intervalSeconds, CheckSpec.MaxTimeoutSeconds));
        return Math.Round(limited, 3);
    }

    /// <summary>Adds the common fields in the order every emitted check has them.</summary>
    public static YamlMap NewCheck(string name, string kind, string? target, int intervalSeconds, double? timeoutSeconds, bool enabled)
    {
        var check = new YamlMap();
        check.Add("name", name);
        check.Add("kind", kind);
        check.Add("target", target);
        check.Add("intervalSeconds", intervalSeconds);
        if (kind != CheckKinds.Push && timeoutSeconds is { } t)
            check.Add("timeoutSeconds", t == Math.Floor(t) ? (object)(int)t : t);
        if (!enabled)
            check.Add("enabled", false);
        return check;
    }

    /// <summary>Sets <c>options</c> and <c>labels</c> (after the common fields) when they hold anything.</summary>
    public static void Finish(YamlMap check, YamlMap options, YamlMap labels)
    {
        if (options.Count > 0)
            check.Add("options", options);
        if (labels.Count > 0)
            check.Add("labels", labels);
    }

    /// <summary>
    /// Judges the check as the server will when the YAML is applied (the shared kind rules the API uses), and notes
    /// each problem, so that the user can fix it in the YAML before applying. Secrets stand in as a valid value.
    /// </summary>
    public static void Validate(ConfigBuilder builder, string item, YamlMap check)
    {
        var kind = (string)check.Get("kind")!;
        var target = check.Get("target") as string;
        var interval = (int)check.Get("intervalSeconds")!;
        var timeout = check.Get("timeoutSeconds") switch { int i => i, double d => d, _ => (double?)null };
        var family = check.Get("family") as string;
        foreach (var (field, messages) in CheckSpec.Validate(kind, target, interval, timeout, family, allowMesh: false))
            builder.Note(item, $"the server will refuse {field}: {string.Join("; ", messages)}");
        var options = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (check.Get("options") is YamlMap given)
            foreach (var (key, value) in given)
                options[key] = JsonSerializer.SerializeToElement(ToPlain(value is string s && s.StartsWith("${", StringComparison.Ordinal) ? "user:password" : value));
        var errors = CheckKindCatalog.Validate(kind, target ?? "", family ?? Families.Auto,
            TimeSpan.FromSeconds(timeout ?? Math.Min(CheckSpec.DefaultTimeoutSeconds, interval)), options, out _);
        foreach (var error in errors.Where(e => e.Field is not ("kind" or "target" or "family" or "timeout")))
            builder.Note(item, $"the server will refuse options.{error.Field}: {error.Message}; correct it in the YAML before applying");
    }

    private static object? ToPlain(object? value) => value switch
    {
        YamlMap map => map.ToDictionary(e => e.Key, e => ToPlain(e.Value)),
        string or bool or int or long or double => value,
        System.Collections.IEnumerable list => list.Cast<object?>().Select(ToPlain).ToList(),
        _ => value,
    };

    /// <summary>Adds a label within the server's limits (32 labels, names of 63 and values of 255 characters).</summary>
    public static void AddLabel(ConfigBuilder builder, string item, YamlMap labels, string? name, string? value)
    {
        var key = name?.Trim() ?? "";
        var text = value?.Trim() ?? "";
        if (key.Length == 0)
            return;
        if (labels.Contains(key))
        {
            builder.Note(item, $"label \"{Shown(key)}\" is given more than once; the first value is kept");
            return;
        }
        if (labels.Count >= ValidationErrors.MaxLabels || key.Length > ValidationErrors.MaxLabelName
            || text.Length > ValidationErrors.MaxLabelValue || key.Any(char.IsControl) || text.Any(char.IsControl))
        {
            builder.Note(item, $"label \"{Shown(key)}\" not imported: Linkwatch takes at most {ValidationErrors.MaxLabels} labels, names of at most {ValidationErrors.MaxLabelName} and values of at most {ValidationErrors.MaxLabelValue} characters, one line each");
            return;
        }
        labels.Add(key, text);
    }

    /// <summary>A path the <c>expectJson</c> conditions take: <c>a.b[0].c</c> (names of letters, digits, <c>_</c> and <c>-</c>).</summary>
    public static bool IsSimpleJsonPath(string path) => SimpleJsonPath().IsMatch(path);

    /// <summary>An IP address with an optional port, as the dns check's <c>server</c> option takes it; null if not one.</summary>
    public static string? DnsServer(string? text, int? port)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (IPAddress.TryParse(value.Trim('[', ']'), out var bare))
            return port is null or 53 ? bare.ToString() : HostPort(bare.ToString(), port.Value);
        if (IPEndPoint.TryParse(value, out var endPoint) && endPoint.Port is > 0 and <= 65535)
            return endPoint.Port == 53 ? endPoint.Address.ToString() : HostPort(endPoint.Address.ToString(), endPoint.Port);
        return null;
    }

    public static string Shown(string text) => text.Length > 60 ? text[..60] + "..." : text;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*(\[[0-9]{1,6}\])*(\.[A-Za-z_][A-Za-z0-9_-]*(\[[0-9]{1,6}\])*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleJsonPath();
}
