using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkwatch.Server.Platform.Json;

/// <summary>API times: ISO-8601 UTC with <c>Z</c>, to the millisecond ("2026-11-22T10:11:12.345Z").</summary>
public sealed class UtcMillisecondsDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>An unreadable time (or an offset beyond ±14:00) is a <see cref="JsonException"/>, which the API answers as a 400 naming the field.</summary>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new JsonException("expected an ISO-8601 time");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        // Formatted straight to UTF-8: a series answer writes thousands of these.
        Span<byte> utf8 = stackalloc byte[32];
        if (value.UtcDateTime.TryFormat(utf8, out var written, Format, CultureInfo.InvariantCulture))
            writer.WriteStringValue(utf8[..written]);
        else
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}

/// <summary>The same format for <see cref="DateTime"/>; unspecified kinds are taken as UTC.</summary>
public sealed class UtcMillisecondsDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && DateTime.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new JsonException("expected an ISO-8601 time");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
        writer.WriteStringValue(utc.ToString(UtcMillisecondsDateTimeOffsetConverter.Format, CultureInfo.InvariantCulture));
    }
}
