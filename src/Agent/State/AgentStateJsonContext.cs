using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linkwatch.Agent.State;

/// <summary>Source-generated JSON for the agent's own state files.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentCredentials))]
[JsonSerializable(typeof(AssignmentSet))]
internal sealed partial class AgentStateJsonContext : JsonSerializerContext;
