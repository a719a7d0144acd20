using System.Globalization;

namespace Linkwatch.IngestBench;

/// <summary>The bench's knobs, from simple <c>--name value</c> arguments.</summary>
public sealed record BenchOptions
{
    public int Agents { get; init; } = 20;
    public int Batch { get; init; } = 100;
    public int Seconds { get; init; } = 15;
    public int WarmupSeconds { get; init; } = 3;
    /// <summary>SubmitResults calls each agent keeps open at once (the server allows 4 per client).</summary>
    public int InFlight { get; init; } = 2;
    /// <summary>
    /// Total results/s to offer, spread evenly over agents and lanes; 0 (the default) sends as fast as
    /// acks come back, which measures capacity, and ack latency is then mostly time spent queued.
    /// </summary>
    public int Rate { get; init; }
    /// <summary>Stops sending once this many results were sent, whatever the time left.</summary>
    public long MaxResults { get; init; } = 2_000_000;
    /// <summary>Rows per transaction of the raw SQLite insert.</summary>
    public int RawBatch { get; init; } = 1000;
    /// <summary>Where the Ingest section is written; null with <c>--no-docs</c>.</summary>
    public string? DocsPath { get; init; }
    public bool WriteDocs { get; init; } = true;

    /// <summary>The arguments as given, for the report's command line.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public const string Usage =
        "usage: IngestBench [--agents N] [--batch N] [--seconds S] [--warmup S] [--inflight N] [--rate RESULTS_PER_S] [--max-results N] [--raw-batch N] [--docs PATH | --no-docs]";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--no-docs")
            {
                options = options with { WriteDocs = false };
                continue;
            }
            if (i + 1 >= args.Length)
                throw new ArgumentException($"{name} needs a value. {Usage}");
            var value = args[++i];
            options = name switch
            {
                "--agents" => options with { Agents = Positive(name, value) },
                "--batch" => options with { Batch = Positive(name, value) },
                "--seconds" => options with { Seconds = Positive(name, value) },
                "--warmup" => options with { WarmupSeconds = (int)Number(name, value, 0) },
                "--inflight" => options with { InFlight = Positive(name, value) },
                "--rate" => options with { Rate = (int)Math.Min(Number(name, value, 0), int.MaxValue) },
                "--max-results" => options with { MaxResults = Number(name, value, 1) },
                "--raw-batch" => options with { RawBatch = Positive(name, value) },
                "--docs" => options with { DocsPath = value },
                _ => throw new ArgumentException($"unknown option {name}. {Usage}"),
            };
        }
        return options;
    }

    private static int Positive(string name, string value) => (int)Math.Min(Number(name, value, 1), int.MaxValue);

    private static long Number(string name, string value, long min) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{name} must be an integer of at least {min}, not '{value}'.");
}
