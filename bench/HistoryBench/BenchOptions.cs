using System.Globalization;

namespace Linkwatch.HistoryBench;

/// <summary>
/// The fleet whose history is seeded (defaults: 1,000 checks every 120 s for 14 days of raw results, about 10 million,
/// and 400 days of rollups), how long each measurement runs, and where the store lives.
/// </summary>
public sealed record BenchOptions
{
    public int Checks { get; init; } = 1000;
    public int IntervalSeconds { get; init; } = 120;
    public int RawDays { get; init; } = 14;
    public int MinuteDays { get; init; } = 30;
    public int RollupDays { get; init; } = 400;
    public int Requests { get; init; } = 300;
    public int StatusPageChecks { get; init; } = 50;
    public int WrkSeconds { get; init; } = 15;
    public int WrkConnections { get; init; } = 64;
    public int RollupResultsPerSecond { get; init; } = 2000;
    public int RollupPeriods { get; init; } = 5;
    /// <summary>Keep the seeded store here and reuse it on the next run (seeding takes minutes); default a temp folder.</summary>
    public string? DataDirectory { get; init; }
    public bool WriteDocs { get; init; } = true;
    public string? DocsPath { get; init; }

    public long RawResults => (long)Checks * RawDays * 86_400 / IntervalSeconds;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number(int min)
            {
                var name = args[i];
                var text = Value();
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min)
                    throw new ArgumentException($"{name}: '{text}' is not a whole number >= {min}");
                return n;
            }
            options = args[i] switch
            {
                "--checks" => options with { Checks = Number(50) },
                "--interval" => options with { IntervalSeconds = Number(60) },
                "--raw-days" => options with { RawDays = Number(1) },
                "--minute-days" => options with { MinuteDays = Number(1) },
                "--rollup-days" => options with { RollupDays = Number(1) },
                "--requests" => options with { Requests = Number(10) },
                "--wrk-seconds" => options with { WrkSeconds = Number(1) },
                "--wrk-connections" => options with { WrkConnections = Number(1) },
                "--rollup-rate" => options with { RollupResultsPerSecond = Number(1) },
                "--rollup-periods" => options with { RollupPeriods = Number(1) },
                "--data" => options with { DataDirectory = Value() },
                "--no-docs" => options with { WriteDocs = false },
                "--docs" => options with { DocsPath = Value() },
                _ => throw new ArgumentException($"unknown option {args[i]} (see bench/HistoryBench/BenchOptions.cs)"),
            };
        }
        if (options.MinuteDays > options.RollupDays || options.RawDays > options.RollupDays)
            throw new ArgumentException("--raw-days and --minute-days must not exceed --rollup-days");
        if (options.IntervalSeconds % 60 != 0 || 3600 % options.IntervalSeconds != 0)
            throw new ArgumentException("--interval must divide an hour into whole minutes (60, 120, 180, 240, 300, 600, ...)");
        return options;
    }
}
