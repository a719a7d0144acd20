using System.Globalization;

namespace Linkwatch.DashboardBench;

public sealed record BenchOptions
{
    public int Agents { get; init; } = 1000;
    public int Checks { get; init; } = 20;
    public int Pages { get; init; } = 20;
    /// <summary>Each measured window of live load (without pages, then with them).</summary>
    public int Seconds { get; init; } = 30;
    public int Renders { get; init; } = 50;
    /// <summary>The first-render GETs stop after this long even if fewer than <see cref="Renders"/> were done.</summary>
    public int RenderBudgetSeconds { get; init; } = 90;
    public bool WriteDocs { get; init; } = true;
    public string[] Args { get; init; } = [];

    /// <summary>The options, or null after writing what was wrong to <paramref name="error"/>.</summary>
    public static BenchOptions? ParseOrExplain(string[] args, TextWriter error)
    {
        try
        {
            return Parse(args);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine(ex.Message);
            return null;
        }
    }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Args = args };
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v : throw new ArgumentException($"{args[i]} needs a positive number");
            options = args[i] switch
            {
                "--agents" => options with { Agents = Next() },
                "--checks" => options with { Checks = Next() },
                "--pages" => options with { Pages = Next() },
                "--seconds" => options with { Seconds = Next() },
                "--renders" => options with { Renders = Next() },
                "--no-docs" => options with { WriteDocs = false },
                _ => throw new ArgumentException($"unknown option {args[i]}; known: --agents N --checks N --pages N --seconds N --renders N --no-docs"),
            };
        }
        return options;
    }
}
