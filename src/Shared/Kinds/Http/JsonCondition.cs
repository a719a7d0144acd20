using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Linkwatch.Shared.Kinds.Http;

/// <summary>
/// One <c>expectJson</c> condition, <c>PATH OP VALUE</c> (docs/checks.md, "JSON conditions"): PATH is
/// <c>a.b[0].c</c>, <c>$</c> for the root or <c>len(PATH)</c>; OP the first of <c> == </c>, <c> != </c>,
/// <c> &lt;= </c>, <c> &gt;= </c>, <c> &lt; </c>, <c> &gt; </c>, <c> contains </c> found in the text; VALUE a
/// JSON literal, else a bare string. Parsed once when the check is validated, evaluated on every body.
/// </summary>
public sealed class JsonCondition
{
    /// <summary>A condition longer than this is not a health check any more.</summary>
    public const int MaxLength = 1024;

    // Deep enough for any API's health document; a bound so a path cannot make evaluation expensive.
    private const int MaxSegments = 64;
    private const int ValueShown = 80;

    private static readonly string[] Operators = [" == ", " != ", " <= ", " >= ", " < ", " > ", " contains "];

    private readonly Segment[] _path;
    private readonly bool _length;
    private readonly string _op;
    private readonly JsonElement _value;

    private JsonCondition(string text, Segment[] path, bool length, string op, JsonElement value)
    {
        Text = text;
        _path = path;
        _length = length;
        _op = op;
        _value = value;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string text, out JsonCondition? condition, out string? error)
    {
        condition = null;
        error = null;
        if (text.Length > MaxLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"must be at most {MaxLength} characters");
            return false;
        }
        var at = -1;
        string? op = null;
        foreach (var candidate in Operators)
        {
            var index = text.IndexOf(candidate, StringComparison.Ordinal);
            if (index >= 0 && (at < 0 || index < at))
            {
                at = index;
                op = candidate;
            }
        }
        if (op is null)
        {
            error = "has no operator: write PATH OP VALUE with OP one of ==, !=, <=, >=, <, >, contains (spaces around it)";
            return false;
        }
        var pathText = text[..at].Trim();
        var valueText = text[(at + op.Length)..].Trim();
        var length = false;
        if (pathText.StartsWith("len(", StringComparison.Ordinal) && pathText.EndsWith(')'))
        {
            length = true;
            pathText = pathText[4..^1].Trim();
        }
        if (!TryParsePath(pathText, out var path, out var pathError))
        {
            error = $"path '{pathText}' {pathError}";
            return false;
        }
        var value = ParseValue(valueText);
        op = op.Trim();
        if (op is "<" or "<=" or ">" or ">=" && value.ValueKind != JsonValueKind.Number)
        {
            error = $"'{op}' needs a number, not '{valueText}'";
            return false;
        }
        condition = new JsonCondition(text, path!, length, op, value);
        return true;
    }

    /// <summary>Whether the condition holds for <paramref name="root"/>; <paramref name="found"/> shows what the path held.</summary>
    public bool Holds(JsonElement root, out string found)
    {
        var present = TryResolve(root, out var actual);
        if (present && _length)
        {
            present = TryLength(actual, out var count);
            actual = present ? Number(count) : default;
        }
        if (!present)
        {
            found = "nothing at that path";
            return _op == "!=";
        }
        found = Shorten(actual.GetRawText());
        return _op switch
        {
            "==" => JsonEquals(actual, _value),
            "!=" => !JsonEquals(actual, _value),
            "contains" => Contains(actual, _value),
            _ => actual.ValueKind == JsonValueKind.Number && Compare(actual, _value) is var c && _op switch
            {
                "<" => c < 0,
                "<=" => c <= 0,
                ">" => c > 0,
                _ => c >= 0,
            },
        };
    }

    private bool TryResolve(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in _path)
        {
            if (segment.Name is { } name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                    return false;
            }
            else if (value.ValueKind != JsonValueKind.Array || segment.Index >= value.GetArrayLength())
                return false;
            else
                value = value[segment.Index];
        }
        return true;
    }

    private static bool TryLength(JsonElement value, out int count)
    {
        count = value.ValueKind switch
        {
            JsonValueKind.Array => value.GetArrayLength(),
            JsonValueKind.Object => value.EnumerateObject().Count(),
            JsonValueKind.String => value.GetString()!.EnumerateRunes().Count(),
            _ => -1,
        };
        return count >= 0;
    }

    private static bool Contains(JsonElement actual, JsonElement value)
    {
        if (actual.ValueKind == JsonValueKind.String)
        {
            var needle = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            return actual.GetString()!.Contains(needle, StringComparison.Ordinal);
        }
        return actual.ValueKind == JsonValueKind.Array && actual.EnumerateArray().Any(item => JsonEquals(item, value));
    }

    /// <summary>JSON equality: numbers by value (3 == 3.0), strings exactly, objects by their members in any order.</summary>
    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
            return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return Compare(a, b) == 0;
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                    return false;
                using (var x = a.EnumerateArray().GetEnumerator())
                using (var y = b.EnumerateArray().GetEnumerator())
                {
                    while (x.MoveNext() && y.MoveNext())
                    {
                        if (!JsonEquals(x.Current, y.Current))
                            return false;
                    }
                }
                return true;
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToList();
                if (left.Count != b.EnumerateObject().Count())
                    return false;
                return left.TrueForAll(p => b.TryGetProperty(p.Name, out var other) && JsonEquals(p.Value, other));
            default:
                // true, false, null: the kind is the value.
                return true;
        }
    }

    private static int Compare(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
            return x.CompareTo(y);
        return a.GetDouble().CompareTo(b.GetDouble());
    }

    private static JsonElement ParseValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, LinkwatchJsonContext.Default.String);
        }
    }

    private static JsonElement Number(int n)
    {
        using var document = JsonDocument.Parse(n.ToString(CultureInfo.InvariantCulture));
        return document.RootElement.Clone();
    }

    private static bool TryParsePath(string text, out Segment[]? path, out string? error)
    {
        path = null;
        error = null;
        var segments = new List<Segment>();
        var rest = text;
        if (rest == "$")
        {
            path = [];
            return true;
        }
        if (rest.StartsWith("$.", StringComparison.Ordinal) || rest.StartsWith("$[", StringComparison.Ordinal))
            rest = rest[1..].TrimStart('.');
        if (rest.Length == 0)
        {
            error = "is empty (use $ for the whole body)";
            return false;
        }
        var name = new StringBuilder();
        var i = 0;
        while (i < rest.Length)
        {
            var c = rest[i];
            if (c == '.')
            {
                if (name.Length == 0 && (i == 0 || rest[i - 1] != ']'))
                {
                    error = "has an empty name";
                    return false;
                }
                Flush();
                i++;
                if (i == rest.Length)
                {
                    error = "ends with '.'";
                    return false;
                }
                continue;
            }
            if (c == '[')
            {
                Flush();
                var close = rest.IndexOf(']', i);
                if (close < 0 || !int.TryParse(rest.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    error = "has an index that is not [N]";
                    return false;
                }
                segments.Add(new Segment(null, index));
                i = close + 1;
                if (i < rest.Length && rest[i] is not ('.' or '['))
                {
                    error = "needs '.' or '[' after ']'";
                    return false;
                }
                continue;
            }
            if (char.IsWhiteSpace(c) || c == ']')
            {
                error = $"has '{c}' where a name was expected";
                return false;
            }
            name.Append(c);
            i++;
        }
        Flush();
        if (segments.Count > MaxSegments)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"is deeper than {MaxSegments} steps");
            return false;
        }
        path = [.. segments];
        return true;

        void Flush()
        {
            if (name.Length > 0)
                segments.Add(new Segment(name.ToString(), 0));
            name.Clear();
        }
    }

    private static string Shorten(string text) => text.Length > ValueShown ? text[..ValueShown] + "..." : text;

    private readonly record struct Segment(string? Name, int Index);
}
