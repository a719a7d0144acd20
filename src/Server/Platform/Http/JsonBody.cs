using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// Reads a request body itself so malformed JSON and wrong types become a 400 problem naming the
/// field, instead of the framework's bare 400 (or a 500).
/// </summary>
public static class JsonBody
{
    public const string BodyKey = "body";

    public static async Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadAsync<T>(HttpContext context) where T : class
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
            return value is null
                ? (null, new() { [BodyKey] = ["a JSON object is required"] })
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var message = field == BodyKey ? "the body is not valid JSON" : $"{field} is malformed or has the wrong type";
            return (null, new() { [field] = [message] });
        }
    }

    /// <summary>"$.intervalSeconds" -> "intervalSeconds"; "$.options.x" -> "options"; "$" -> "body".</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith("$.", StringComparison.Ordinal))
            return BodyKey;
        var rest = path[2..];
        var end = rest.IndexOfAny(['.', '[']);
        var field = end < 0 ? rest : rest[..end];
        return field.Length == 0 ? BodyKey : field;
    }
}
