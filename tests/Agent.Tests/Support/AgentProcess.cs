using System.Diagnostics;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>Runs the built agent as a child process, the way scripts and monitoring systems do.</summary>
internal static class AgentProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string[] StdOutLines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        public string[] StdErrLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static readonly Lazy<string> AgentDll = new(FindAgentDll);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AgentDll.Value);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.Process);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"linkwatch-agent {string.Join(' ', args)} did not exit within {TestTimeouts.Process}");
        }
        return new Result(process.ExitCode, (await stdout.OrTimeout()).Replace("\r", ""), (await stderr.OrTimeout()).Replace("\r", ""));
    }

    private static string FindAgentDll()
    {
        // bin/<Configuration>/net10.0 of this test project tells which build of the agent to use.
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var root = baseDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Dashboard.sln")))
            root = root.Parent;
        if (root is null)
            throw new InvalidOperationException($"no Dashboard.sln above {AppContext.BaseDirectory}");
        var dll = Path.Combine(root.FullName, "src", "Agent", "bin", configuration, framework, "linkwatch-agent.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the agent first", dll);
    }
}
