using System.Diagnostics;
using System.Text;

namespace Linkwatch.TestSupport;

/// <summary>Runs a program to completion with a deadline; a program that overruns it is killed with its children.</summary>
public static class Command
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var info = StartInfo(file, args);
        var line = Describe(info);
        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new TimeoutException($"{line} did not finish within {timeout ?? DefaultTimeout}.\nstdout:\n{Read(stdout)}\nstderr:\n{Read(stderr)}");
        }
        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        return new CommandResult(line, process.ExitCode, Read(stdout), Read(stderr));
    }

    /// <summary>Runs the command and throws with its output unless it exits 0.</summary>
    public static async Task<CommandResult> RunCheckedAsync(string file, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var result = await RunAsync(file, args, timeout);
        if (result.ExitCode != 0)
            throw new InvalidOperationException("command failed:\n" + result);
        return result;
    }

    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // Child programs must not inherit the test host's settings.
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    public static string Describe(ProcessStartInfo info) =>
        string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList.Select(a => a.Contains(' ') ? $"'{a}'" : a)));

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
            return;
        lock (builder)
            builder.Append(line).Append('\n');
    }

    private static string Read(StringBuilder builder)
    {
        lock (builder)
            return builder.ToString();
    }
}
