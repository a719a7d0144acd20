using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Linkwatch.Server.ConfigAsCode;

/// <summary>
/// A check in a config file: the API's body, with <c>dependsOn</c> naming checks rather than giving ids.
/// </summary>
public sealed record CheckConfig(
    string? Name, string? Kind, string? Target, int? IntervalSeconds, double? TimeoutSeconds, string? Family, bool? Enabled,
    Dictionary<string, JsonElement>? Options, List<string>? Agents, Dictionary<string, string>? Labels, bool? Badges,
    List<string>? DependsOn);

/// <summary>An alert rule in a config file: the API's body, with <c>check</c> naming the check instead of <c>checkId</c>.</summary>
public sealed record RuleConfig(
    string? Name, string? Check, Dictionary<string, string>? Labels, int? OpenAfterFailures, int? ResolveAfterSuccesses,
    int? Quorum, List<string>? Verdicts, List<string>? Channels, int? ReminderMinutes, string? LatencyPhase,
    double? LatencyThresholdMs, bool? Enabled, bool? AgentOffline, List<string>? Agents, int? OfflineAfterSeconds);

/// <summary>A notification channel in a config file: the API's body; secret settings only as <c>${NAME}</c>.</summary>
public sealed record ChannelConfig(string? Name, string? Type, JsonElement? Settings);

/// <summary>A status page in a config file, matched by slug; its groups name their checks.</summary>
public sealed record StatusPageConfig(
    string? Slug, string? Title, string? Description, bool? Public, bool? ShowAgents, List<GroupConfig>? Groups,
    List<NoticeConfig>? Notices);

public sealed record GroupConfig(string? Name, List<string>? Checks);

/// <summary><c>at</c> left out: a notice of the same title on the stored page keeps its time (a new one is dated now).</summary>
public sealed record NoticeConfig(string? Title, string? Body, DateTimeOffset? At);

/// <summary>
/// The fields each object of a config file may have, read from the records above, so that a key that is not one of
/// them (a typo) is named with its path instead of being ignored. Maps of free keys (options, labels, settings) are
/// judged by the check kind or channel type afterwards.
/// </summary>
public sealed class FieldSchema
{
    private static readonly Dictionary<Type, FieldSchema> Known = [];

    private readonly Dictionary<string, FieldSchema?> _fields;

    private FieldSchema(Dictionary<string, FieldSchema?> fields) => _fields = fields;

    public IEnumerable<string> Names => _fields.Keys;

    public static FieldSchema Of<T>() => Of(typeof(T));

    private static FieldSchema Of(Type type)
    {
        lock (Known)
        {
            if (Known.TryGetValue(type, out var schema))
                return schema;
        }
        var fields = new Dictionary<string, FieldSchema?>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
        {
            var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                ? property.PropertyType.GetGenericArguments()[0]
                : property.PropertyType;
            fields[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = IsRecord(element) ? Of(element) : null;
        }
        var made = new FieldSchema(fields);
        lock (Known)
            Known[type] = made;
        return made;
    }

    private static bool IsRecord(Type type) => type.Namespace == typeof(FieldSchema).Namespace && type.IsClass;

    /// <summary>Names every key of <paramref name="node"/> (and of the objects nested in it) that is not a field.</summary>
    public void Check(JsonObject node, string path, Action<string, string> error)
    {
        foreach (var (key, value) in node)
        {
            if (!_fields.TryGetValue(key, out var nested))
            {
                var near = Nearest(key);
                error($"{path}.{key}", near is null
                    ? $"unknown field '{key}'; the fields are: {string.Join(", ", _fields.Keys)}"
                    : $"unknown field '{key}' (did you mean '{near}'?)");
                continue;
            }
            if (nested is null)
                continue;
            if (value is JsonObject one)
                nested.Check(one, $"{path}.{key}", error);
            else if (value is JsonArray many)
            {
                for (var i = 0; i < many.Count; i++)
                {
                    if (many[i] is JsonObject item)
                        nested.Check(item, $"{path}.{key}[{i}]", error);
                    else
                        error($"{path}.{key}[{i}]", $"{key}[{i}] must be a mapping with: {string.Join(", ", nested.Names)}");
                }
            }
        }
    }

    private string? Nearest(string key) =>
        _fields.Keys.Select(f => (f, d: Distance(key.ToLowerInvariant(), f.ToLowerInvariant()))).Where(x => x.d <= 2)
            .OrderBy(x => x.d).Select(x => x.f).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
