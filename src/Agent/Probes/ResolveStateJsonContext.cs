using System.Text.Json.Serialization;

namespace Linkwatch.Agent.Probes;

/// <summary>The resolve probe's memory: name -> family -> sorted addresses.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string[]>>))]
internal sealed partial class ResolveStateJsonContext : JsonSerializerContext;
