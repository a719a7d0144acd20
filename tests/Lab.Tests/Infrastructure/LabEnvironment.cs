using System.Diagnostics;

namespace Linkwatch.Lab.Tests.Infrastructure;

/// <summary>
/// What the lab tier needs: root, the Debian programs (iproute2, nftables, nginx with the stream
/// module, dnsmasq, socat) and the right to create network namespaces. A developer machine without
/// them skips the tests with the reason; in CI (<c>CI=true</c>) nothing is skipped, so a missing
/// piece fails the run instead of hiding it (the fixture's <see cref="Require"/> names it).
/// </summary>
public static class LabEnvironment
{
    public const string StreamModule = "/usr/lib/nginx/modules/ngx_stream_module.so";

    // Program -> the Debian package that provides it (named in the reason so the fix is one apt-get away).
    private static readonly (string Program, string Package)[] Programs =
    [
        ("ip", "iproute2"),
        ("ss", "iproute2"),
        ("nft", "nftables"),
        ("nginx", "nginx"),
        ("dnsmasq", "dnsmasq-base"),
        ("socat", "socat"),
    ];

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<string?> LazyProblem = new(FindProblem, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why the lab cannot run here, or null when it can.</summary>
    public static string? Problem => LazyProblem.Value;

    /// <summary>The reason the runner shows for skipped lab tests; never set in CI.</summary>
    public static string? SkipReason => IsCi || Problem is null
        ? null
        : $"lab tests skipped: {Problem}; with CI=true this fails instead";

    /// <summary>The runtime guard: throws naming the problem (reached in CI, where nothing is skipped).</summary>
    public static void Require()
    {
        if (Problem is { } problem)
            throw new InvalidOperationException($"the network lab cannot run: {problem}");
    }

    public static string? FindProgram(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                     .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
        {
            if (directory.Length == 0)
                continue;
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    private static string? FindProblem()
    {
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
            return "they create network namespaces and need root";
        var missing = Programs.Where(p => FindProgram(p.Program) is null).ToList();
        if (missing.Count > 0)
            return $"missing {string.Join(", ", missing.Select(m => m.Program))} (apt-get install {string.Join(' ', missing.Select(m => m.Package).Distinct())})";
        if (!File.Exists(StreamModule))
            return $"{StreamModule} is missing (apt-get install libnginx-mod-stream)";
        if (!File.Exists(Repo.AgentDll))
            return $"the agent is not built at {Repo.AgentDll}";
        return TryCreateNamespace();
    }

    /// <summary>Creates and removes one throwaway namespace: containers often forbid it even to root.</summary>
    private static string? TryCreateNamespace()
    {
        var name = "lw-p-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];
        var add = RunQuietly("ip", "netns", "add", name);
        if (add is not null)
            return $"cannot create a network namespace (ip netns add: {add})";
        var delete = RunQuietly("ip", "netns", "delete", name);
        return delete is null ? null : $"cannot delete the probe namespace {name} (ip netns delete: {delete})";
    }

    private static string? RunQuietly(string file, params string[] args)
    {
        var info = Command.StartInfo(file, args);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            Command.Kill(process);
            return "timed out";
        }
        return process.ExitCode == 0 ? null : stderr.Result.Trim();
    }
}
