using System.Text.RegularExpressions;

namespace Linkwatch.Server.Results.Ingest;

/// <summary>What makes a submitted result acceptable, and how it becomes a row.</summary>
public static partial class ResultRules
{
    /// <summary>
    /// Verdicts and phase names are the contract's snake_case words: nothing else reaches an email subject, a metric
    /// label or a chart legend (a CR/LF in a verdict once broke an email).
    /// </summary>
    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex ContractWord();

    private const int MaxShortText = 64;
    private const int MaxTarget = 2048;
    private const int MaxText = 4096;
    private const int MaxAttempts = 4;
    /// <summary>Agent names are at most 100 characters.</summary>
    private const int MaxPeer = 100;
    private static readonly DateTimeOffset Earliest = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Shape checks that need no database; unknown check ids are found by the writer.</summary>
    public static bool IsWellFormed(AgentResult? r)
    {
        if (r is null || r.Id == Guid.Empty || r.CheckId <= 0 || r.StartedAt < Earliest || r.Outcome is null)
            return false;
        var o = r.Outcome;
        if ((r.Peer?.Length ?? 0) > MaxPeer)
            return false;
        if (o.Status is not (Statuses.Up or Statuses.Degraded or Statuses.Down))
            return false;
        if (string.IsNullOrEmpty(o.Verdict) || !ContractWord().IsMatch(o.Verdict) || (o.Message?.Length ?? 0) > MaxText)
            return false;
        if (o.Attempts is null || o.Attempts.Count > MaxAttempts)
            return false;
        foreach (var a in o.Attempts)
        {
            if (a is null || (a.Family?.Length ?? 0) > MaxShortText || (a.Address?.Length ?? 0) > MaxTarget
                || (a.Error?.Length ?? 0) > MaxText || (a.Phases?.Count ?? 0) > 16
                || (a.Verdict is { Length: > 0 } verdict && !ContractWord().IsMatch(verdict))
                || a.Phases?.Keys.Any(k => !ContractWord().IsMatch(k)) == true || a.Phases?.Values.Any(v => !double.IsFinite(v) || v < 0) == true)
                return false;
        }
        return true;
    }

    /// <summary>NUL is never stored: PostgreSQL refuses it in text, and nothing a person reads needs it.</summary>
    private static string? WithoutNul(string? text) => text?.Contains('\0') == true ? text.Replace("\0", "") : text;

    public static Platform.Store.Result ToRow(AgentResult r, long agentId, DateTimeOffset receivedAt)
    {
        var attempts = r.Outcome.Attempts;
        var first = attempts.Count > 0 ? attempts[0] : null;
        return new Platform.Store.Result
        {
            Id = r.Id,
            CheckId = r.CheckId,
            AgentId = agentId,
            StartedAt = r.StartedAt.ToUnixTimeMilliseconds(),
            ReceivedAt = receivedAt.ToUnixTimeMilliseconds(),
            Status = r.Outcome.Status,
            Verdict = r.Outcome.Verdict,
            Family = attempts.Count > 1 ? Families.Both : first?.Family,
            Address = first?.Address,
            Phases = first?.Phases is { } p ? Platform.Store.StoredJson.WritePhases(p) : null,
            Attempts = attempts.Count > 0 ? Platform.Store.StoredJson.WriteAttempts(attempts) : null,
            Message = WithoutNul(r.Outcome.Message),
            Error = WithoutNul(first?.Error),
            Peer = string.IsNullOrEmpty(r.Peer) ? null : r.Peer,
        };
    }
}
