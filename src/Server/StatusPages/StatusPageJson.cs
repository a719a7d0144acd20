using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkwatch.Server.StatusPages;

/// <summary>A group of checks on a status page, as stored and as the API shows it.</summary>
public sealed record StatusGroup(string Name, List<long> Checks);

/// <summary>A notice (Markdown body) on a status page.</summary>
public sealed record StatusNotice(string Title, string Body, DateTimeOffset At);

/// <summary>The status page's stored JSON columns.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<StatusGroup>))]
[JsonSerializable(typeof(List<StatusNotice>))]
public sealed partial class StatusPageJson : JsonSerializerContext
{
    public static List<StatusGroup> ReadGroups(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, Default.ListStatusGroup) ?? [];

    public static List<StatusNotice> ReadNotices(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, Default.ListStatusNotice) ?? [];

    public static string Write(List<StatusGroup> groups) => JsonSerializer.Serialize(groups, Default.ListStatusGroup);

    public static string Write(List<StatusNotice> notices) => JsonSerializer.Serialize(notices, Default.ListStatusNotice);
}
