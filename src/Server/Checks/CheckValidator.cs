using System.Text.Json;
using Linkwatch.Shared.Kinds;
using static Linkwatch.Server.Checks.ChecksApi;

namespace Linkwatch.Server.Checks;

/// <summary>The body of POST and PUT <c>/api/checks</c>: the shared check rules, then the kind's options as the agent reads them.</summary>
public sealed class CheckValidator : IBodyValidator<CheckBody>
{
    public ValueTask ValidateAsync(CheckBody body, ValidationErrors errors, CancellationToken cancellationToken)
    {
        Validate(body, errors);
        return ValueTask.CompletedTask;
    }

    public static void Validate(CheckBody body, ValidationErrors errors)
    {
        foreach (var (field, messages) in CheckSpec.Validate(body.Kind, body.Target, body.IntervalSeconds, body.TimeoutSeconds, body.Family))
            Array.ForEach(messages, m => errors.Add(field, m));
        errors.Name(body.Name);
        errors.AgentNames("agents", body.Agents);
        errors.Labels(body.Labels);
        if (errors.Count == 0)
            ValidateAsTheAgentWill(body, errors);
    }

    // The kind descriptors the agents' probes run with read the options here too, so a typo or an
    // out-of-range value is refused here, naming the option, instead of failing on every agent at every run.
    private static void ValidateAsTheAgentWill(CheckBody body, ValidationErrors errors)
    {
        var target = body.Target ?? "";
        if (target.StartsWith('@'))
            target = CheckKinds.TargetFormOf(body.Kind!) == TargetForm.Url ? "http://mesh.invalid/" : "mesh.invalid:1";
        var found = CheckKindCatalog.Validate(body.Kind!, target, body.Family ?? Families.Auto, TimeSpan.FromSeconds(TimeoutOf(body)),
            body.Options ?? new Dictionary<string, JsonElement>(), out _);
        foreach (var error in found)
        {
            var field = error.Field switch
            {
                "timeout" => "timeoutSeconds",
                "kind" or "target" or "family" => error.Field,
                _ => "options." + error.Field,
            };
            errors.Add(field, error.Message);
        }
    }

    /// <summary>The default timeout may not exceed a short interval.</summary>
    public static double TimeoutOf(CheckBody body) =>
        body.TimeoutSeconds ?? Math.Min(CheckSpec.DefaultTimeoutSeconds, body.IntervalSeconds!.Value);
}
