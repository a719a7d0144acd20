using System.Globalization;

namespace Linkwatch.ProbeBench;

/// <summary>Command-line options; every one has a default so a bare run reproduces the documented numbers.</summary>
public sealed record BenchOptions
{
    /// <summary>0 skips the kind.</summary>
    public int TcpProbes { get; init; } = 20_000;
    public int HttpProbes { get; init; } = 10_000;
    /// <summary>Probes in flight: about what a busy agent or a Prometheus with many targets keeps going.</summary>
    public int Concurrency { get; init; } = 16;
    public int Checks { get; init; } = 200;
    /// <summary>How long the agent runs in the memory part; 0 skips it. Four 10 s rounds of every check.</summary>
    public int AgentSeconds { get; init; } = 40;
    public bool WriteDocs { get; init; } = true;
    /// <summary>Extra environment for the agent in the memory part (<c>--agent-env DOTNET_X=1</c>): for trying runtime knobs.</summary>
    public IReadOnlyList<string> AgentEnvironment { get; init; } = [];
    /// <summary>
    /// The agent executable the memory part measures (<c>--agent-exe PATH</c>); a <c>.dll</c> runs under <c>dotnet</c>.
    /// Null: the bench publishes the agent the shipped way (docs/agent.md) into its work folder and measures that.
    /// </summary>
    public string? AgentExe { get; init; }
    /// <summary>Also measure the framework-dependent JIT build (src/Agent/bin/Release) for comparison; <c>--no-jit-compare</c> skips it.</summary>
    public bool CompareJit { get; init; } = true;
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string Command => "dotnet run --project bench/ProbeBench -c Release" + (Arguments.Count == 0 ? "" : " -- " + string.Join(' ', Arguments));

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--tcp" => options with { TcpProbes = Number(args, ref i, 0) },
                "--http" => options with { HttpProbes = Number(args, ref i, 0) },
                "--concurrency" => options with { Concurrency = Number(args, ref i, 1) },
                "--checks" => options with { Checks = Number(args, ref i, 1) },
                "--agent-seconds" => options with { AgentSeconds = Number(args, ref i, 0) },
                "--no-docs" => options with { WriteDocs = false },
                "--no-jit-compare" => options with { CompareJit = false },
                "--agent-exe" when i + 1 < args.Length => options with { AgentExe = Path.GetFullPath(args[++i]) },
                "--agent-env" when i + 1 < args.Length && args[i + 1].Contains('=') => options with { AgentEnvironment = [.. options.AgentEnvironment, args[++i]] },
                _ => throw new ArgumentException($"unknown option '{args[i]}'; options: --tcp N --http N --concurrency N --checks N --agent-seconds S --agent-env K=V --agent-exe PATH --no-jit-compare --no-docs"),
            };
        }
        return options;
    }

    private static int Number(string[] args, ref int i, int min)
    {
        var name = args[i];
        if (++i >= args.Length || !int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new ArgumentException($"{name} needs a whole number >= {min}");
        return value;
    }
}
