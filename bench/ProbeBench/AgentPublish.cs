using System.Diagnostics;
using Linkwatch.BenchSupport;

namespace Linkwatch.ProbeBench;

/// <summary>
/// The agent as it is shipped (docs/agent.md): the Native AOT executable of src/Agent/publish-native.sh. The bench uses
/// the one the tests published into artifacts/agent when it is current, else publishes it there itself, so the memory
/// part measures what users install rather than the JIT build in bin/.
/// </summary>
public static class AgentPublish
{
    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>No extra environment: the native agent runs with what its unit gives it.</summary>
    public static readonly IReadOnlyList<string> ServiceEnvironment = [];

    public static string Output => Path.Combine(RepoPaths.Root, "artifacts", "agent");

    public static string Command => $"src/Agent/publish-native.sh -o artifacts/agent {RuntimeIdentifier}";

    public static async Task<string> RunAsync()
    {
        var info = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "src", "Agent", "publish-native.sh"))
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-o", Output, RuntimeIdentifier })
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("publish-native.sh did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Command} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        var exe = Path.Combine(Output, "linkwatch-agent-" + RuntimeIdentifier);
        return File.Exists(exe) ? exe : throw new InvalidOperationException($"{Command} left no {exe}");
    }
}
