namespace Linkwatch.Agent.Probes;

/// <summary>Base for probes with the typed options record their kind's descriptor reads, so no probe casts.</summary>
public abstract class Probe<TOptions> : IProbe where TOptions : class
{
    public abstract string Kind { get; }

    public abstract Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, TOptions options,
        CancellationToken cancellationToken);

    public virtual TimeSpan ExtraTime(TOptions options) => TimeSpan.Zero;

    TimeSpan IProbe.ExtraTime(object options) => ExtraTime((TOptions)options);

    Task<AttemptResult> IProbe.RunAttemptAsync(ProbeAttempt attempt, object options, CancellationToken cancellationToken) =>
        RunAttemptAsync(attempt, (TOptions)options, cancellationToken);
}
