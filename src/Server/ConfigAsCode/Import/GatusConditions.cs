using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// Turns one Gatus endpoint's <c>conditions</c> into the options of its Linkwatch check. A condition that an option
/// expresses becomes that option; one that every check of the kind already enforces (<c>[CONNECTED] == true</c>,
/// <c>[DNS_RCODE] == NOERROR</c>) needs none; any other becomes a note naming the endpoint and the condition.
/// </summary>
internal sealed class GatusConditions(ConfigBuilder builder, string item, string kind, bool usesTls)
{
    private const int LowestStatus = 100;
    private const int HighestStatus = 599;

    // The statuses every [STATUS] condition allows: their intersection is the check's expectStatus.
    private readonly bool[] _statuses = Enumerable.Range(0, HighestStatus + 1).Select(s => s >= LowestStatus).ToArray();
    private bool _statusGiven;
    private string? _expectBody;
    private string? _rejectBody;
    private string? _bodyRegex;
    private string? _expect;
    private int? _maxLatencyMs;
    private int? _expiryWarningDays;
    private readonly List<string> _json = [];

    // Gatus looks for the operators in this order, each with a space on both sides.
    private static readonly string[] Operators = [" == ", " != ", " <= ", " >= ", " > ", " < "];

    public void Add(string condition)
    {
        var text = condition.Trim();
        var op = Operators.FirstOrDefault(o => text.Contains(o, StringComparison.Ordinal));
        if (op is null)
        {
            Untranslated(condition, "it has no comparison Gatus knows (==, !=, <=, >=, >, <)");
            return;
        }
        var at = text.IndexOf(op, StringComparison.Ordinal);
        var left = text[..at].Trim();
        var right = text[(at + op.Length)..].Trim();
        var o = op.Trim();
        if (right.StartsWith('[') || right.StartsWith("len(", StringComparison.Ordinal) || right.StartsWith("has(", StringComparison.Ordinal))
        {
            Untranslated(condition, "Linkwatch compares with fixed values only, not with another placeholder");
            return;
        }
        switch (left.ToUpperInvariant())
        {
            case "[STATUS]":
                Status(condition, o, right);
                return;
            case "[CONNECTED]":
                if (o == "==" && right.Equals("true", StringComparison.OrdinalIgnoreCase))
                    return; // every check fails when it cannot connect
                Untranslated(condition, "a Linkwatch check always fails when it cannot connect");
                return;
            case "[RESPONSE_TIME]":
                ResponseTime(condition, o, right);
                return;
            case "[CERTIFICATE_EXPIRATION]":
                CertificateExpiration(condition, o, right);
                return;
            case "[DNS_RCODE]":
                if (kind == CheckKinds.Dns && o == "==" && right.Equals("NOERROR", StringComparison.OrdinalIgnoreCase))
                    return; // a dns check fails on nxdomain, servfail and refused
                Untranslated(condition, "a dns check fails on any answer but NOERROR (verdicts nxdomain, servfail, refused); it cannot expect another code");
                return;
            case "[IP]":
                Untranslated(condition, "no Linkwatch option checks the address a name resolves to; a resolve check reports when the addresses change");
                return;
            case "[DOMAIN_EXPIRATION]":
                Untranslated(condition, "Linkwatch does not check domain registrations");
                return;
            case "[BODY]":
                Body(condition, o, right);
                return;
        }
        if (left.StartsWith("[BODY].", StringComparison.OrdinalIgnoreCase) || left.StartsWith("[BODY][", StringComparison.OrdinalIgnoreCase))
            Json(condition, left[6..].TrimStart('.'), o, right, length: false);
        else if (left.StartsWith("len([BODY]", StringComparison.OrdinalIgnoreCase) && left.EndsWith(')'))
            Json(condition, left[10..^1].TrimStart('.'), o, right, length: true);
        else if (left.StartsWith("has(", StringComparison.OrdinalIgnoreCase))
            Untranslated(condition, "Linkwatch's expectJson cannot test whether a path exists");
        else
            Untranslated(condition, $"{ImportChecks.Shown(left)} is not a placeholder Linkwatch can translate");
    }

    /// <summary>Writes what the conditions came to into <paramref name="options"/>.</summary>
    public void Finish(YamlMap options)
    {
        if (_statusGiven)
            options.Add("expectStatus", StatusText());
        options.Add("expectBody", _expectBody);
        options.Add("expectBodyRegex", _bodyRegex);
        options.Add("rejectBody", _rejectBody);
        if (_json.Count > 0)
            options.Add("expectJson", _json);
        options.Add("expect", _expect);
        options.Add("expiryWarningDays", _expiryWarningDays);
        options.Add("maxLatencyMs", _maxLatencyMs);
    }

    private void Status(string condition, string op, string right)
    {
        if (kind != CheckKinds.Http)
        {
            Untranslated(condition, $"a {kind} check has no HTTP status");
            return;
        }
        Func<int, bool>? allowed = null;
        if (Function(right, "any") is { } values && op is "==" or "!=")
        {
            var codes = values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : -1).ToList();
            if (!codes.Contains(-1))
                allowed = op == "==" ? codes.Contains : s => !codes.Contains(s);
        }
        else if (Function(right, "pat") is [var pattern] && op is "==" or "!=")
        {
            var regex = GlobToRegex(pattern);
            if (regex is not null)
                allowed = op == "==" ? s => regex.IsMatch(s.ToString(CultureInfo.InvariantCulture)) : s => !regex.IsMatch(s.ToString(CultureInfo.InvariantCulture));
        }
        else if (int.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            allowed = op switch
            {
                "==" => s => s == code,
                "!=" => s => s != code,
                "<" => s => s < code,
                "<=" => s => s <= code,
                ">" => s => s > code,
                _ => s => s >= code,
            };
        }
        if (allowed is null)
        {
            Untranslated(condition, "the status value is not a number, any(...) of numbers or pat(...)");
            return;
        }
        for (var s = LowestStatus; s <= HighestStatus; s++)
            _statuses[s] &= allowed(s);
        _statusGiven = true;
        if (!_statuses.Contains(true))
        {
            builder.Note(item, "its [STATUS] conditions allow no status at all; expectStatus is not set");
            _statusGiven = false;
            Array.Fill(_statuses, true, LowestStatus, HighestStatus - LowestStatus + 1);
        }
        else if (StatusText().Count(c => c == ',') >= StatusRanges.MaxRanges)
        {
            Untranslated(condition, string.Create(CultureInfo.InvariantCulture, $"the statuses it allows need more than {StatusRanges.MaxRanges} ranges"));
            _statusGiven = false;
            Array.Fill(_statuses, true, LowestStatus, HighestStatus - LowestStatus + 1);
        }
    }

    private string StatusText()
    {
        var parts = new List<string>();
        for (var s = LowestStatus; s <= HighestStatus; s++)
        {
            if (!_statuses[s])
                continue;
            var end = s;
            while (end < HighestStatus && _statuses[end + 1])
                end++;
            parts.Add(end == s ? s.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{s}-{end}"));
            s = end;
        }
        return string.Join(",", parts);
    }

    private void ResponseTime(string condition, string op, string right)
    {
        if (kind is CheckKinds.Dns || !int.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || op is not ("<" or "<="))
        {
            Untranslated(condition, kind == CheckKinds.Dns
                ? "a dns check has no latency limit"
                : "Linkwatch's maxLatencyMs is an upper limit in whole milliseconds ([RESPONSE_TIME] < N or <= N)");
            return;
        }
        var limit = Math.Clamp(op == "<" ? ms - 1 : ms, 1, 300000);
        if (kind == CheckKinds.Icmp)
            builder.Note($"{item} condition \"{ImportChecks.Shown(condition.Trim())}\"",
                "translated to maxLatencyMs, which an icmp check applies to all its echoes together (options.count, default 3), where Gatus timed one; raise it or set count: 1");
        _maxLatencyMs = _maxLatencyMs is { } given ? Math.Min(given, limit) : limit;
    }

    private void CertificateExpiration(string condition, string op, string right)
    {
        if (!usesTls)
        {
            Untranslated(condition, $"this {kind} check does not use TLS");
            return;
        }
        if (op is not (">" or ">=") || SourceFields.Duration(right) is not { } duration)
        {
            Untranslated(condition, "Linkwatch warns when a certificate ends within a number of days ([CERTIFICATE_EXPIRATION] > DURATION)");
            return;
        }
        var days = (int)Math.Clamp(Math.Ceiling(duration.TotalDays), 0, 3650);
        _expiryWarningDays = Math.Max(_expiryWarningDays ?? 0, days);
    }

    private void Body(string condition, string op, string right)
    {
        var pattern = Function(right, "pat") is [var p] ? p : null;
        var any = Function(right, "any");
        switch (kind)
        {
            case CheckKinds.Http:
                if (op == "==" && pattern is not null && Contained(pattern) is { } needle && _expectBody is null)
                    _expectBody = needle;
                else if (op == "!=" && pattern is not null && Contained(pattern) is { } rejected && _rejectBody is null)
                    _rejectBody = rejected;
                else if (op == "==" && _bodyRegex is null && (pattern is not null ? GlobPattern(pattern) : any is not null ? AnyPattern(any) : WholePattern(right)) is { } regex)
                    _bodyRegex = regex;
                else
                    Untranslated(condition, op is "==" or "!="
                        ? "Linkwatch takes one expectBody, one expectBodyRegex and one rejectBody per check; this one does not fit"
                        : "the body is compared as text, not as a number (use [BODY].path for JSON)");
                return;
            case CheckKinds.Dns:
                if (op == "==" && pattern is null && any is null && _expect is null)
                    _expect = right;
                else
                    Untranslated(condition, "a dns check expects one exact answer (options.expect)");
                return;
            case CheckKinds.Udp or CheckKinds.WebSocket:
                if (op == "==" && pattern is not null && Contained(pattern) is { } reply && _expect is null)
                    _expect = reply;
                else
                    Untranslated(condition, $"a {kind} check expects the reply to contain one text (options.expect, written pat(*TEXT*))");
                return;
            default:
                Untranslated(condition, $"a {kind} check does not read a reply");
                return;
        }
    }

    private void Json(string condition, string path, string op, string right, bool length)
    {
        if (kind == CheckKinds.Grpc && !length && path == "status" && op == "==" && right == "SERVING")
            return; // a grpc check fails with not_serving
        if (kind != CheckKinds.Http)
        {
            Untranslated(condition, $"a {kind} check has no JSON body conditions");
            return;
        }
        if (path.Length == 0)
            path = "$";
        if (path != "$" && !ImportChecks.IsSimpleJsonPath(path))
        {
            Untranslated(condition, "Linkwatch's expectJson takes paths like a.b[0].c");
            return;
        }
        var value = right;
        if (Function(right, "pat") is [var pattern] && op == "==" && !length && Contained(pattern) is { } needle)
            (op, value) = ("contains", needle);
        else if (right.StartsWith("pat(", StringComparison.Ordinal) || right.StartsWith("any(", StringComparison.Ordinal))
        {
            Untranslated(condition, "Linkwatch's expectJson has no patterns or alternatives (only pat(*TEXT*), as contains)");
            return;
        }
        if (op is "<" or "<=" or ">" or ">=" && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            Untranslated(condition, $"Linkwatch compares numbers only with {op}");
            return;
        }
        if (_json.Count >= Linkwatch.Shared.Kinds.Http.HttpOptions.MaxJsonConditions)
        {
            Untranslated(condition, string.Create(CultureInfo.InvariantCulture, $"a check takes at most {Linkwatch.Shared.Kinds.Http.HttpOptions.MaxJsonConditions} JSON conditions"));
            return;
        }
        _json.Add(length ? $"len({path}) {op} {value}" : $"{path} {op} {value}");
    }

    private void Untranslated(string condition, string reason) =>
        builder.Note($"{item} condition \"{ImportChecks.Shown(condition.Trim())}\"", $"not translated: {reason}");

    /// <summary>The arguments of <c>name(a, b)</c>, or null when <paramref name="text"/> is not such a call.</summary>
    private static List<string>? Function(string text, string name) =>
        text.StartsWith(name + "(", StringComparison.Ordinal) && text.EndsWith(')')
            ? [.. text[(name.Length + 1)..^1].Split(',', StringSplitOptions.TrimEntries)]
            : null;

    /// <summary>TEXT of a pattern <c>*TEXT*</c> without other wildcards: "contains TEXT".</summary>
    private static string? Contained(string pattern) =>
        pattern.Length > 2 && pattern.StartsWith('*') && pattern.EndsWith('*') && pattern[1..^1] is var inner
            && inner.IndexOfAny(['*', '?', '[', '\\']) < 0 ? inner : null;

    /// <summary>Gatus' patterns (Go's filepath.Match on the whole text) as a .NET regular expression; null with character classes.</summary>
    private static string? GlobPattern(string pattern)
    {
        if (pattern.IndexOfAny(['[', '\\']) >= 0)
            return null;
        var builder = new StringBuilder(@"(?s)\A");
        foreach (var c in pattern)
            builder.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
        return builder.Append(@"\z").ToString();
    }

    private static Regex? GlobToRegex(string pattern) =>
        GlobPattern(pattern) is { } regex ? new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)) : null;

    private static string? AnyPattern(List<string> values) =>
        values.Count == 0 ? null : @"(?s)\A(?:" + string.Join("|", values.Select(Regex.Escape)) + @")\z";

    private static string WholePattern(string value) => @"(?s)\A" + Regex.Escape(value) + @"\z";
}
