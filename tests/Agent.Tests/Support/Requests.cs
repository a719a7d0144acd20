using System.Text.Json;
using Linkwatch.Agent.Probes;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>Builds check requests the way the API and CLI hand them over: options as JSON.</summary>
internal static class Requests
{
    public static CheckRequest For(string kind, string target, string? optionsJson = null, double timeoutSeconds = 5,
        string family = Families.Auto) =>
        new(kind, target, family, TimeSpan.FromSeconds(timeoutSeconds),
            optionsJson is null
                ? new Dictionary<string, JsonElement>()
                : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(optionsJson)!);
}
