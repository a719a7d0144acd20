using static Linkwatch.Server.Alerts.Api.SilencesApi;

namespace Linkwatch.Server.Alerts.Api;

/// <summary>The body of POST and PUT <c>/api/silences</c>: something to silence, and an end in the future.</summary>
public sealed class SilenceValidator(TimeProvider time) : IBodyValidator<SilenceBody>
{
    public ValueTask ValidateAsync(SilenceBody b, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (b.RuleId is null && b.CheckId is null && b.Agent is null)
            errors.Set("ruleId", "at least one of ruleId, checkId or agent is required (a silence of everything is too easy to forget)");
        errors.AgentName("agent", b.Agent);
        var until = UntilOf(b, now);
        if (b.Until is not null && b.Minutes is not null)
            errors.Set("minutes", "give until or minutes, not both");
        else if (until is null)
            errors.Set("until", "until (an ISO-8601 time) or minutes is required");
        else if (until <= now)
            errors.Set(b.Until is null ? "minutes" : "until", "the silence must end in the future");
        return ValueTask.CompletedTask;
    }

    public static DateTimeOffset? UntilOf(SilenceBody b, DateTimeOffset now) => b.Until ?? (b.Minutes is { } m ? now.AddMinutes(m) : null);
}
