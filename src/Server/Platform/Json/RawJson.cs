using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkwatch.Server.Platform.Json;

/// <summary>JSON kept as text in the store and written out as-is, without a parse per row.</summary>
[JsonConverter(typeof(RawJsonConverter))]
public readonly record struct RawJson(string Json)
{
    public static RawJson? From(string? json) => string.IsNullOrEmpty(json) ? null : new RawJson(json);
}

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return new RawJson(doc.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
