using System.Globalization;
using Linkwatch.Server.Dashboard.Live;
using static Linkwatch.Server.Alerts.Api.AlertRulesApi;
using static Linkwatch.Server.Alerts.Api.MaintenanceWindowsApi;
using static Linkwatch.Server.Alerts.Api.SilencesApi;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>The alert rule form as typed. A rule watches a check's results (one check or a label selector) or agents going offline.</summary>
public sealed class RuleDraft
{
    public string Name { get; set; } = "";
    public bool AgentOffline { get; set; }
    public string CheckId { get; set; } = "";
    public string Labels { get; set; } = "";
    public string OpenAfterFailures { get; set; } = "";
    public string ResolveAfterSuccesses { get; set; } = "";
    public string Quorum { get; set; } = "";
    public string Verdicts { get; set; } = "";
    public IReadOnlyCollection<string> Channels { get; set; } = [];
    public string ReminderMinutes { get; set; } = "";
    public string LatencyPhase { get; set; } = "";
    public string LatencyThresholdMs { get; set; } = "";
    public IReadOnlyCollection<string> Agents { get; set; } = [];
    public string OfflineAfterSeconds { get; set; } = "";
    public bool Enabled { get; set; } = true;

    public static RuleDraft From(RuleDto r) => new()
    {
        Name = r.Name, AgentOffline = r.AgentOffline, CheckId = r.CheckId?.ToString(CultureInfo.InvariantCulture) ?? "",
        Labels = FieldText.Labels(r.Labels), OpenAfterFailures = Text(r.OpenAfterFailures), ResolveAfterSuccesses = Text(r.ResolveAfterSuccesses),
        Quorum = Text(r.Quorum), Verdicts = string.Join(", ", r.Verdicts), Channels = [.. r.Channels], ReminderMinutes = Text(r.ReminderMinutes),
        LatencyPhase = r.LatencyPhase ?? "", LatencyThresholdMs = FieldText.Number(r.LatencyThresholdMs), Agents = [.. r.Agents],
        OfflineAfterSeconds = Text(r.OfflineAfterSeconds), Enabled = r.Enabled,
    };

    /// <summary>Only the fields of the rule's kind are sent: the validator refuses a check rule's fields on an agent rule.</summary>
    public RuleBody ToBody(FormErrors errors)
    {
        var labels = FieldText.Labels(Labels, "labels", errors);
        var channels = Channels.ToList();
        var reminder = FieldText.Integer(ReminderMinutes, "reminderMinutes", errors);
        if (AgentOffline)
            return new RuleBody(Name, null, labels, null, null, null, null, channels, reminder, null, null, Enabled,
                AgentOffline: true, Agents: Agents.Count == 0 ? null : [.. Agents], OfflineAfterSeconds: FieldText.Integer(OfflineAfterSeconds, "offlineAfterSeconds", errors));
        var verdicts = Verdicts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return new RuleBody(Name, FieldText.Id(CheckId, "checkId", errors), labels,
            FieldText.Integer(OpenAfterFailures, "openAfterFailures", errors), FieldText.Integer(ResolveAfterSuccesses, "resolveAfterSuccesses", errors),
            FieldText.Integer(Quorum, "quorum", errors), verdicts.Count == 0 ? null : verdicts, channels, reminder,
            string.IsNullOrWhiteSpace(LatencyPhase) ? null : LatencyPhase.Trim(), FieldText.Number(LatencyThresholdMs, "latencyThresholdMs", errors), Enabled);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The silence form as typed: what it covers (a rule, a check, an agent: at least one) and for how long.</summary>
public sealed class SilenceDraft
{
    public string RuleId { get; set; } = "";
    public string CheckId { get; set; } = "";
    public string Agent { get; set; } = "";
    public string Minutes { get; set; } = "60";
    public string Reason { get; set; } = "";

    public SilenceBody ToBody(FormErrors errors) => new(
        FieldText.Id(RuleId, "ruleId", errors), FieldText.Id(CheckId, "checkId", errors), string.IsNullOrWhiteSpace(Agent) ? null : Agent.Trim(),
        null, FieldText.Integer(Minutes, "minutes", errors), string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim());
}

/// <summary>
/// The maintenance window form as typed: what it covers, and a one-off span (start and end, typed in the browser's
/// time zone) or a recurring one (a Quartz cron in a named zone and a duration).
/// </summary>
public sealed class WindowDraft
{
    public const string DateTimeFormat = "yyyy-MM-ddTHH:mm";

    public string Name { get; set; } = "";
    public string CheckId { get; set; } = "";
    public string Labels { get; set; } = "";
    public string Agent { get; set; } = "";
    public bool Recurring { get; set; }
    public string Start { get; set; } = "";
    public string End { get; set; } = "";
    public string Cron { get; set; } = "";
    public string DurationMinutes { get; set; } = "";
    public string Timezone { get; set; } = "UTC";

    public static WindowDraft From(WindowDto w, BrowserClock clock) => new()
    {
        Name = w.Name, CheckId = w.CheckId?.ToString(CultureInfo.InvariantCulture) ?? "", Labels = FieldText.Labels(w.Labels), Agent = w.Agent ?? "",
        Recurring = w.Cron is not null, Start = Local(w.Start, clock), End = Local(w.End, clock), Cron = w.Cron ?? "",
        DurationMinutes = w.DurationMinutes?.ToString(CultureInfo.InvariantCulture) ?? "", Timezone = w.Timezone,
    };

    public WindowBody ToBody(FormErrors errors, BrowserClock clock) => Recurring
        ? new(Name, FieldText.Id(CheckId, "checkId", errors), FieldText.Labels(Labels, "labels", errors), AgentName(), null, null,
            Cron.Trim(), FieldText.Integer(DurationMinutes, "durationMinutes", errors), string.IsNullOrWhiteSpace(Timezone) ? null : Timezone.Trim())
        : new(Name, FieldText.Id(CheckId, "checkId", errors), FieldText.Labels(Labels, "labels", errors), AgentName(),
            Utc(Start, "start", clock, errors), Utc(End, "end", clock, errors), null, null, null);

    private string? AgentName() => string.IsNullOrWhiteSpace(Agent) ? null : Agent.Trim();

    /// <summary>A time typed in the browser's zone (as a datetime-local input gives it) as an instant.</summary>
    private static DateTimeOffset? Utc(string text, string field, BrowserClock clock, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add(field, FieldText.WrongType(field));
            return null;
        }
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, clock.Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    private static string Local(DateTimeOffset? value, BrowserClock clock) =>
        value is { } v ? TimeZoneInfo.ConvertTime(v, clock.Zone).ToString(DateTimeFormat, CultureInfo.InvariantCulture) : "";
}
