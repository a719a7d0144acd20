using Linkwatch.Shared;

namespace Linkwatch.Agent.Probes;

/// <summary>Base for probes with a typed options record, so each kind never casts.</summary>
public abstract class Probe<TOptions> : IProbe where TOptions : class
{
    public abstract string Kind { get; }

    public abstract TOptions ReadOptions(ProbeOptionReader reader);

    public abstract Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, TOptions options,
        CancellationToken cancellationToken);

    public virtual TimeSpan ExtraTime(TOptions options) => TimeSpan.Zero;

    TimeSpan IProbe.ExtraTime(object options) => ExtraTime((TOptions)options);

    object IProbe.ReadOptions(ProbeOptionReader reader) => ReadOptions(reader);

    Task<AttemptResult> IProbe.RunAttemptAsync(ProbeAttempt attempt, object options, CancellationToken cancellationToken) =>
        RunAttemptAsync(attempt, (TOptions)options, cancellationToken);
}
