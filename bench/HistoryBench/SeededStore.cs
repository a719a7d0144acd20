using System.Text.Json;

namespace Linkwatch.HistoryBench;

/// <summary>What a seeded data directory holds, kept beside it so a later run can reuse it.</summary>
public sealed record SeededStore(int Checks, int IntervalSeconds, int RawDays, int MinuteDays, int RollupDays,
    long End, long AgentId, long[] CheckIds, string StatusSlug, long RawRows, long RollupRows, double SeedSeconds)
{
    public const string FileName = "history-bench-seed.json";

    public bool Fits(BenchOptions o) =>
        o.Checks == Checks && o.IntervalSeconds == IntervalSeconds && o.RawDays == RawDays && o.MinuteDays == MinuteDays && o.RollupDays == RollupDays;

    public static SeededStore? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), HistoryBenchJson.Default.SeededStore) : null;
    }

    public void Write(string dataDirectory) =>
        File.WriteAllText(Path.Combine(dataDirectory, FileName), JsonSerializer.Serialize(this, HistoryBenchJson.Default.SeededStore));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(SeededStore))]
internal sealed partial class HistoryBenchJson : System.Text.Json.Serialization.JsonSerializerContext;
