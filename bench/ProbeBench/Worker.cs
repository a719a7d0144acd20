using System.Diagnostics;
using System.Globalization;
using Linkwatch.Agent.Probes;
using Linkwatch.Shared;

namespace Linkwatch.ProbeBench;

/// <summary>
/// The hidden <c>--worker KIND TARGET N CONCURRENCY</c> mode: the Linkwatch prober in a process of its
/// own, so its CPU time can be read from /proc without the targets or the bench driver in it.
/// It warms up, says <c>ready</c>, waits for a line on stdin, runs N probes through the agent's
/// CheckRunner with CONCURRENCY in flight, says <c>done OK ELAPSED_MS</c>, then waits for stdin to
/// close so the parent can read its final /proc numbers while it still exists.
/// </summary>
public static class Worker
{
    private const int WarmupProbes = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 4 || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var count)
            || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var concurrency))
        {
            Console.Error.WriteLine("usage: --worker tcp|http TARGET N CONCURRENCY");
            return 2;
        }
        var runner = new CheckRunner();
        var request = new CheckRequest(args[0], args[1], Families.Auto, TimeSpan.FromSeconds(5),
            new Dictionary<string, System.Text.Json.JsonElement>());
        if (!runner.TryPrepare(request, out var prepared, out var errors))
        {
            Console.Error.WriteLine(errors[0].Message);
            return 2;
        }

        // JIT, connection and thread-pool warm-up are not what is being compared.
        await RunManyAsync(runner, prepared, WarmupProbes, concurrency);
        Console.WriteLine("ready");
        await Console.In.ReadLineAsync();

        var started = Stopwatch.GetTimestamp();
        var ok = await RunManyAsync(runner, prepared, count, concurrency);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {ok} {elapsed.TotalMilliseconds:0.###}"));
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>Runs <paramref name="count"/> probes, <paramref name="concurrency"/> at a time; returns how many were ok.</summary>
    private static async Task<int> RunManyAsync(CheckRunner runner, PreparedCheck check, int count, int concurrency)
    {
        var next = 0;
        var ok = 0;
        var lanes = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var outcome = await runner.RunAsync(check, CancellationToken.None);
                if (outcome.Verdict == Verdicts.Ok)
                    Interlocked.Increment(ref ok);
            }
        });
        await Task.WhenAll(lanes);
        return ok;
    }
}
