using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkwatch.Shared;

/// <summary>Source-generated JSON metadata for every contract type; camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CheckOutcome))]
[JsonSerializable(typeof(AgentResult))]
[JsonSerializable(typeof(AgentResult[]))]
[JsonSerializable(typeof(IReadOnlyList<AgentResult>))]
[JsonSerializable(typeof(ResultAck))]
[JsonSerializable(typeof(AssignmentSet))]
[JsonSerializable(typeof(CheckAssignment[]))]
[JsonSerializable(typeof(IReadOnlyList<CheckAssignment>))]
[JsonSerializable(typeof(List<AgentResult>))]
[JsonSerializable(typeof(AgentHello))]
[JsonSerializable(typeof(ResponderPorts))]
[JsonSerializable(typeof(NetworkEvent))]
[JsonSerializable(typeof(NetworkEvent[]))]
[JsonSerializable(typeof(IReadOnlyList<NetworkEvent>))]
[JsonSerializable(typeof(EnrollRequest))]
[JsonSerializable(typeof(EnrollResponse))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
// The answer to IAgentClient.Superseded.
[JsonSerializable(typeof(bool))]
public sealed partial class LinkwatchJsonContext : JsonSerializerContext;
