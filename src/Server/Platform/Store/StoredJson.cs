using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Linkwatch.Server.Platform.Store;

/// <summary>The JSON held in text columns, (de)serialized with the shared source-generated context.</summary>
public static class StoredJson
{
    // Generated for AgentHello.Addresses and CheckOutcome.Attempts.
    private static readonly JsonTypeInfo<IReadOnlyList<string>> StringList =
        (JsonTypeInfo<IReadOnlyList<string>>)LinkwatchJsonContext.Default.Options.GetTypeInfo(typeof(IReadOnlyList<string>));
    private static readonly JsonTypeInfo<IReadOnlyList<AttemptResult>> AttemptList =
        (JsonTypeInfo<IReadOnlyList<AttemptResult>>)LinkwatchJsonContext.Default.Options.GetTypeInfo(typeof(IReadOnlyList<AttemptResult>));

    public static IReadOnlyList<string> ReadList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, StringList) ?? [];

    public static string WriteList(IEnumerable<string>? values) => JsonSerializer.Serialize<IReadOnlyList<string>>([.. values ?? []], StringList);

    public static Dictionary<string, string> ReadLabels(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, LinkwatchJsonContext.Default.DictionaryStringString) ?? [];

    public static string WriteLabels(Dictionary<string, string>? labels) =>
        JsonSerializer.Serialize(labels ?? [], LinkwatchJsonContext.Default.DictionaryStringString);

    public static Dictionary<string, JsonElement> ReadOptions(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, LinkwatchJsonContext.Default.DictionaryStringJsonElement) ?? [];

    public static string WriteOptions(Dictionary<string, JsonElement>? options) =>
        JsonSerializer.Serialize(options ?? [], LinkwatchJsonContext.Default.DictionaryStringJsonElement);

    /// <summary>Phase timings as written by <see cref="WritePhases"/>; null for none or for anything unreadable.</summary>
    public static Dictionary<string, double>? ReadPhases(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize(json, LinkwatchJsonContext.Default.DictionaryStringDouble);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string WritePhases(Dictionary<string, double> phases) =>
        JsonSerializer.Serialize(phases, LinkwatchJsonContext.Default.DictionaryStringDouble);

    public static ResponderPorts? ReadResponderPorts(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, LinkwatchJsonContext.Default.ResponderPorts);

    public static string? WriteResponderPorts(ResponderPorts? ports) =>
        ports is null ? null : JsonSerializer.Serialize(ports, LinkwatchJsonContext.Default.ResponderPorts);

    public static IReadOnlyList<AttemptResult> ReadAttempts(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize(json, AttemptList) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string WriteAttempts(IReadOnlyList<AttemptResult> attempts) => JsonSerializer.Serialize(attempts, AttemptList);
}
