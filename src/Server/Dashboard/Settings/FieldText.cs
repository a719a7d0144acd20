using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>
/// What a form's text fields hold, turned into the API's values and back. A value that is not what the field
/// takes is reported with the words the API uses for the same mistake, so both say the same thing.
/// </summary>
public static class FieldText
{
    /// <summary>An API field name in words, the accessible name of its input: "payloadBytes" is "Payload bytes".</summary>
    public static string Words(string camel)
    {
        var text = new StringBuilder(camel.Length + 4);
        foreach (var c in camel)
        {
            if (char.IsUpper(c) && text.Length > 0)
                text.Append(' ').Append(char.ToLowerInvariant(c));
            else
                text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
        }
        return text.ToString();
    }

    /// <summary>The message for a value of the wrong type, as the API's body reader words it.</summary>
    public static string WrongType(string field) => $"{field} is malformed or has the wrong type";

    /// <summary>An optional whole number: empty is null, anything else that is not one is an error.</summary>
    public static int? Integer(string? text, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(field, WrongType(field));
        return null;
    }

    /// <summary>An optional number (decimals with a point): empty is null.</summary>
    public static double? Number(string? text, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        errors.Add(field, WrongType(field));
        return null;
    }

    /// <summary>An optional id: empty is null.</summary>
    public static long? Id(string? text, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(field, WrongType(field));
        return null;
    }

    /// <summary>Labels written <c>name=value, name=value</c>; empty is none.</summary>
    public static Dictionary<string, string>? Labels(string? text, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals < 0)
            {
                errors.Add(field, $"{field} are written name=value, separated by commas ('{pair}' has no '=')");
                return null;
            }
            labels[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }
        return labels;
    }

    public static string Labels(IReadOnlyDictionary<string, string>? labels) =>
        labels is null ? "" : string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"));

    /// <summary>An option typed into a text field, as the JSON the API would be sent: a number when it reads as one.</summary>
    public static JsonElement Option(string text, bool numeric)
    {
        var trimmed = text.Trim();
        if (numeric && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return JsonSerializer.SerializeToElement(number % 1 == 0 && Math.Abs(number) < int.MaxValue ? (object)(int)number : number);
        return JsonSerializer.SerializeToElement(trimmed);
    }

    public static string Option(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    /// <summary>An object or array option shown one entry a line: <c>Name: value</c> for headers, the item for a list.</summary>
    public static string Lines(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => string.Join('\n', value.EnumerateObject().Select(p => $"{p.Name}: {Option(p.Value)}")),
        JsonValueKind.Array => string.Join('\n', value.EnumerateArray().Select(Option)),
        _ => Option(value),
    };

    /// <summary>Headers typed one a line as <c>Name: value</c>, as the API's object; blank lines are skipped.</summary>
    public static JsonElement HeaderLines(string text, string field, FormErrors errors)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors.Add(field, $"{field} are written Name: value, one a line ('{line}' has no ':')");
                break;
            }
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return JsonSerializer.SerializeToElement(headers);
    }

    /// <summary>A list typed one item a line, as the API's array of strings; blank lines are skipped.</summary>
    public static JsonElement ListLines(string text) =>
        JsonSerializer.SerializeToElement(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
