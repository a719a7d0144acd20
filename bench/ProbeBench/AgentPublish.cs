using System.Diagnostics;
using Linkwatch.BenchSupport;

namespace Linkwatch.ProbeBench;

/// <summary>
/// Publishes the agent the shipped way (docs/agent.md, "Install the agent": the <c>trimmed</c> publish profile) into
/// a folder of the bench's, so the memory part measures what is installed rather than the JIT build in bin/.
/// </summary>
public static class AgentPublish
{
    public const string Profile = "trimmed";
    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>
    /// What the shipped service environment adds (src/Agent/Dockerfile, docs/agent.md): the gen0 budget cannot be set in
    /// runtimeconfig.json, the runtime reads it from the environment only.
    /// </summary>
    public static readonly IReadOnlyList<string> ServiceEnvironment = ["DOTNET_GCgen0size=0x400000"];

    public static string Command(string output) =>
        $"dotnet publish src/Agent/Agent.csproj -c Release -r {RuntimeIdentifier} -p:PublishProfile={Profile} -o {output}";

    public static async Task<string> RunAsync(string workDirectory)
    {
        var output = Path.Combine(workDirectory, "agent-publish");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", "src/Agent/Agent.csproj", "-c", "Release", "-r", RuntimeIdentifier, $"-p:PublishProfile={Profile}", "-o", output, "-nologo" })
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Command(output)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        var exe = Path.Combine(output, "linkwatch-agent");
        return File.Exists(exe) ? exe : throw new InvalidOperationException($"{Command(output)} left no {exe}");
    }
}
