using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkwatch.Server.Dashboard;

/// <summary>Chart data as JSON to embed in a <c>script type="application/json"</c> element.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChartData))]
public sealed partial class ChartJson : JsonSerializerContext
{
    // The default encoder escapes '<', '>' and '&', so a label can never close the script element.
    public static string Write(ChartData data) => JsonSerializer.Serialize(data, Default.ChartData);
}
