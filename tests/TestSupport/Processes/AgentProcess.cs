using System.Diagnostics;

namespace Linkwatch.TestSupport;

/// <summary>The real agent program: run once as scripts and monitoring systems do, or enrolled against a test server and running.</summary>
public static class AgentProcess
{
    private static readonly TimeSpan EnrollTimeout = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string[] StdOutLines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        public string[] StdErrLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Runs one verb of the built agent to its exit, its output captured apart.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repo.AgentDll);
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

    public static async Task EnrollAsync(Uri server, string name, string dataDirectory, string token = ServerProcess.EnrollmentToken)
    {
        await using var enroll = ChildProcess.Start(Repo.AgentDll,
            ["enroll", "--server", server.ToString(), "--token", token, "--name", name, "--data-dir", dataDirectory]);
        var exit = await enroll.WaitForExitAsync(EnrollTimeout);
        Assert.True(exit == 0, $"enroll exited {exit}:\n{enroll.Output}");
    }

    public static ChildProcess Run(string dataDirectory) =>
        ChildProcess.Start(Repo.AgentDll, ["run", "--no-responder", "--data-dir", dataDirectory]);

    /// <summary>Runs with its responder on <paramref name="portBase"/>..+5, advertised to other agents at <paramref name="advertise"/>.</summary>
    public static ChildProcess RunWithResponder(string dataDirectory, int portBase, string advertise = "127.0.0.1") =>
        ChildProcess.Start(Repo.AgentDll,
            ["run", "--responder-port-base", portBase.ToString(System.Globalization.CultureInfo.InvariantCulture), "--advertise", advertise, "--data-dir", dataDirectory]);
}
