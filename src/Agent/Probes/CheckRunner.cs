using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Linkwatch.Shared.Kinds;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// Validates a check, runs its probe once per address family under the deadline, and combines
/// the attempts into one outcome. Network failures become verdicts; nothing here throws for them.
/// </summary>
public sealed partial class CheckRunner : ICheckRunner
{
    // How long past the deadline the runner still waits for a probe that overran it; beyond that
    // the attempt is reported as a timeout rather than letting one bad probe stall the scheduler.
    private static readonly TimeSpan OverrunGrace = TimeSpan.FromSeconds(1);

    private readonly ProbeRegistry _probes;
    private readonly Dialer _dialer;
    private readonly ILogger _logger;

    public CheckRunner(ProbeRegistry probes, Dialer dialer, ILogger<CheckRunner>? logger = null)
    {
        _probes = probes;
        _dialer = dialer;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>A runner with every implemented probe over the system resolver.</summary>
    public CheckRunner() : this(ProbeRegistry.CreateDefault(), Dialer.Shared)
    {
    }

    /// <summary>All problems with <paramref name="request"/>, each naming its field or option; empty when valid.</summary>
    public IReadOnlyList<ValidationError> Validate(CheckRequest request)
    {
        TryPrepare(request, out _, out var errors);
        return errors;
    }

    public bool TryPrepare(CheckRequest request, [NotNullWhen(true)] out PreparedCheck? prepared,
        out IReadOnlyList<ValidationError> errors)
    {
        prepared = null;
        // A kind the catalog knows but this agent has no probe for (an older agent) is refused by name.
        if (CheckKindCatalog.TryGet(request.Kind, out _) && !_probes.TryGet(request.Kind, out _))
        {
            errors = [new("kind", $"kind '{request.Kind}' is not supported yet")];
            return false;
        }
        errors = CheckKindCatalog.Validate(request.Kind, request.Target, request.Family, request.Timeout, request.Options,
            out var valid);
        if (valid is null || !_probes.TryGet(request.Kind, out var probe))
            return false;
        prepared = new PreparedCheck(request, probe, valid.Target, valid.Options) { MaxLatencyMs = valid.MaxLatencyMs };
        return true;
    }

    public async Task<CheckOutcome> RunAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        if (!TryPrepare(request, out var prepared, out var errors))
        {
            return new CheckOutcome
            {
                Kind = request.Kind,
                Target = request.Target,
                Status = Statuses.Down,
                Verdict = Verdicts.Error,
                Message = errors[0].Message,
            };
        }
        return await RunAsync(prepared, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a check already validated by <see cref="TryPrepare"/>.</summary>
    public async Task<CheckOutcome> RunAsync(PreparedCheck check, CancellationToken cancellationToken)
    {
        var request = check.Request;
        AttemptResult[] attempts;
        CombinedVerdict combined;
        if (request.Family == Families.Both)
        {
            // Concurrent, each with the full timeout: a dead family must not steal the other's time.
            attempts = await Task.WhenAll(
                RunAttemptAsync(check, Families.Ipv4, cancellationToken),
                RunAttemptAsync(check, Families.Ipv6, cancellationToken)).ConfigureAwait(false);
            combined = FamilyCombiner.Combine(attempts[0], attempts[1]);
        }
        else
        {
            attempts = [await RunAttemptAsync(check, request.Family, cancellationToken).ConfigureAwait(false)];
            // An absent family is not a failure; with no other family to decide, the result is up (the attempt says absent).
            combined = new CombinedVerdict(attempts[0].Status == Statuses.Absent ? Statuses.Up : attempts[0].Status, attempts[0].Verdict);
        }

        Log.CheckFinished(_logger, request.Kind, request.Target, combined.Verdict);
        return new CheckOutcome
        {
            Kind = request.Kind,
            Target = request.Target,
            Status = combined.Status,
            Verdict = combined.Verdict,
            Message = Describe(combined, attempts),
            Attempts = attempts,
        };
    }

    private async Task<AttemptResult> RunAttemptAsync(PreparedCheck check, string family, CancellationToken cancellationToken)
    {
        var attempt = new ProbeAttempt
        {
            Target = check.Target,
            Family = family,
            Timeout = check.Request.Timeout,
            Dialer = _dialer,
        };
        try
        {
            var result = await check.Probe.RunAttemptAsync(attempt, check.Options, cancellationToken)
                .WaitAsync(check.Request.Timeout + check.Probe.ExtraTime(check.Options) + OverrunGrace, cancellationToken).ConfigureAwait(false);
            return LatencyJudge.Apply(result, check.MaxLatencyMs);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException)
        {
            Log.ProbeOverran(_logger, check.Probe.Kind, check.Request.Target);
            return Unexpected(Verdicts.Timeout, "the probe overran its deadline");
        }
        catch (Exception e)
        {
            // A probe bug must cost one result, not the agent's scheduler.
            Log.ProbeFailed(_logger, check.Probe.Kind, check.Request.Target, e);
            return Unexpected(Verdicts.Error, $"{e.GetType().Name}: {e.Message}");
        }

        AttemptResult Unexpected(string verdict, string error) => new()
        {
            Family = family is Families.Ipv4 or Families.Ipv6 ? family : null,
            Status = Verdicts.StatusOf(verdict),
            Verdict = verdict,
            Phases = new() { [Phases.Total] = Timings.Since(attempt.StartedAt) },
            Error = error,
        };
    }

    /// <summary>One human line: the verdict, then what each attempt saw.</summary>
    internal static string Describe(CombinedVerdict combined, IReadOnlyList<AttemptResult> attempts)
    {
        if (attempts.Count == 1)
            return $"{combined.Verdict}: {DescribeAttempt(attempts[0])}";
        var parts = attempts.Select(a => $"{a.Family ?? "?"} {a.Verdict}{(a.Error is null ? Elapsed(a) : ": " + a.Error)}");
        return $"{combined.Verdict}: {string.Join("; ", parts)}";
    }

    private static string DescribeAttempt(AttemptResult attempt)
    {
        if (attempt.Error is { } error)
            return error;
        var where = attempt.Address is { } address ? $"{address} ({attempt.Family})" : attempt.Family ?? "?";
        return $"via {where}{Elapsed(attempt)}";
    }

    private static string Elapsed(AttemptResult attempt) =>
        attempt.Phases.TryGetValue(Phases.Total, out var total)
            ? string.Create(CultureInfo.InvariantCulture, $" in {total:0.###} ms")
            : "";
}
