using System.Text.Json;
using Linkwatch.Shared.Kinds.Resolve;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The <c>resolve</c> kind: looks a name up through the agent's resolver (the system's, so mDNS
/// too) and compares the addresses per family with the last run's, kept in the state directory.
/// A changed set is <c>address_changed</c> (degraded) on the run that first sees it, then ok
/// again: a renumbered host becomes one event on the timeline. Without a state directory nothing
/// is remembered and every successful run is ok.
/// </summary>
public sealed class ResolveProbe(string? stateDirectory) : Probe<ResolveOptions>
{
    public const string StateFileName = "resolve-state.json";

    // Runs of several resolve checks overlap; the file is read-modify-written under this lock.
    private readonly SemaphoreSlim _stateLock = new(1, 1);

    public override string Kind => CheckKinds.Resolve;

    public override async Task<AttemptResult> RunAttemptAsync(ProbeAttempt attempt, ResolveOptions options,
        CancellationToken cancellationToken)
    {
        var name = attempt.Target.Host;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var deadline = attempt.StartDeadline(cancellationToken);
        System.Net.IPAddress[] addresses;
        try
        {
            addresses = await attempt.Dialer.Resolver.ResolveAsync(name, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result(Verdicts.ResolveFailed, $"timed out resolving {name}", null);
        }
        catch (SocketException e)
        {
            return Result(Verdicts.ResolveFailed, $"resolving {name}: {SocketVerdicts.Describe(e.SocketErrorCode)}", null);
        }
        var resolveMs = Timings.Since(start);
        if (addresses.Length == 0)
            return Result(Verdicts.ResolveFailed, $"resolving {name}: no addresses", resolveMs);

        var current = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var family in new[] { Families.Ipv4, Families.Ipv6 })
        {
            var set = addresses.Where(a => AddressFamilies.NameOf(a) == family).Select(AddressFamilies.Format)
                .Distinct().Order(StringComparer.Ordinal).ToArray();
            if (set.Length > 0)
                current[family] = set;
        }

        var changes = await RememberAsync(name, current, cancellationToken).ConfigureAwait(false);
        var summary = string.Join("; ", current.Select(f => $"{f.Key} {string.Join(", ", f.Value)}"));
        return changes.Count > 0
            ? Result(Verdicts.AddressChanged, $"{name} changed: {string.Join("; ", changes)}", resolveMs, addresses[0])
            : Result(Verdicts.Ok, summary, resolveMs, addresses[0]);

        AttemptResult Result(string verdict, string? error, double? ms, System.Net.IPAddress? first = null)
        {
            var phases = new Dictionary<string, double>();
            if (ms is { } m)
                phases[Phases.Resolve] = m;
            phases[Phases.Total] = Timings.Since(attempt.StartedAt);
            return new AttemptResult
            {
                Family = first is null ? null : AddressFamilies.NameOf(first),
                Address = first is null ? null : AddressFamilies.Format(first),
                Status = Verdicts.StatusOf(verdict),
                Verdict = verdict,
                Phases = phases,
                Error = verdict == Verdicts.Ok ? null : error,
            };
        }
    }

    /// <summary>Stores the current sets and returns what changed per family since the last run.</summary>
    private async Task<List<string>> RememberAsync(string name, Dictionary<string, string[]> current,
        CancellationToken cancellationToken)
    {
        var changes = new List<string>();
        if (stateDirectory is null)
            return changes;
        var path = Path.Combine(stateDirectory, StateFileName);
        await _stateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Dictionary<string, Dictionary<string, string[]>> state = [];
            if (File.Exists(path))
            {
                try
                {
                    await using var read = File.OpenRead(path);
                    state = await JsonSerializer.DeserializeAsync(read, ResolveStateJsonContext.Default.DictionaryStringDictionaryStringStringArray,
                        cancellationToken).ConfigureAwait(false) ?? [];
                }
                catch (JsonException)
                {
                    // A damaged memory is forgotten: the next runs start afresh rather than fail forever.
                    state = [];
                }
            }
            var key = name.ToLowerInvariant();
            if (state.TryGetValue(key, out var before))
            {
                foreach (var family in before.Keys.Union(current.Keys).Order(StringComparer.Ordinal))
                {
                    var was = before.GetValueOrDefault(family) ?? [];
                    var now = current.GetValueOrDefault(family) ?? [];
                    if (!was.SequenceEqual(now))
                        changes.Add($"{family} {Show(was)} -> {Show(now)}");
                }
            }
            state[key] = current;
            Directory.CreateDirectory(stateDirectory);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary,
                JsonSerializer.Serialize(state, ResolveStateJsonContext.Default.DictionaryStringDictionaryStringStringArray),
                cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            _stateLock.Release();
        }
        return changes;

        static string Show(string[] set) => set.Length == 0 ? "none" : string.Join(", ", set);
    }
}
