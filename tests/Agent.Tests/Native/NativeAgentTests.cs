using System.Net;
using System.Text.RegularExpressions;

namespace Linkwatch.Agent.Tests.Native;

/// <summary>
/// The shipped form of the agent (Native AOT, published once per run by <see cref="NativeAgentBuild"/>): one file that
/// needs only the C library, for x64 and cross-compiled for arm64, and a monitoring plugin as Nagios, Icinga 2, Checkmk
/// (MRPE) and Zabbix (UserParameter) run one: a command line through <c>/bin/sh -c</c>, a bare environment, exit code
/// and the first line of stdout.
/// </summary>
public sealed partial class NativeAgentTests
{
    private static readonly TimeSpan PluginTimeout = TimeSpan.FromSeconds(30);

    [NativeAgentFact]
    public async Task Native_agent_is_one_file_that_links_only_the_c_library()
    {
        var binary = await NativeAgentBuild.EnsureAsync();
        var ldd = await Command.RunCheckedAsync("ldd", [binary]);
        var libraries = ldd.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .ToList();
        Assert.NotEmpty(libraries);
        Assert.All(libraries, library => Assert.Matches(LibcFamily(), Path.GetFileName(library)));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(binary)!, "libe_sqlite3.so")));
        Assert.Matches(@"^[0-9a-f]{64}  linkwatch-agent-linux-x64\n$", await File.ReadAllTextAsync(binary + ".sha256"));
    }

    [NativeAgentFact]
    public async Task Native_agent_for_arm64_is_an_aarch64_executable_that_runs_under_qemu()
    {
        Assert.Null(NativeAgentBuild.Problem("linux-arm64"));
        var binary = await NativeAgentBuild.EnsureAsync("linux-arm64");
        var header = new byte[20];
        await using (var file = File.OpenRead(binary))
            await file.ReadExactlyAsync(header);
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(2, header[4]); // 64-bit
        Assert.Equal(0xB7, header[18] | header[19] << 8); // EM_AARCH64
        var qemu = File.Exists("/usr/bin/qemu-aarch64") ? "/usr/bin/qemu-aarch64"
            : throw new InvalidOperationException("qemu-aarch64 is missing (apt-get install qemu-user)");
        var version = await Command.RunAsync(qemu, [binary, "--version"], TimeSpan.FromSeconds(120));
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith("0.", version.StandardOutput.Trim());
    }

    [NativeAgentFact]
    public async Task Check_as_a_plugin_prints_one_status_line_with_performance_data_and_exits_with_the_plugin_codes()
    {
        var binary = await NativeAgentBuild.EnsureAsync();
        var listener = Listeners.Start(IPAddress.Loopback);
        try
        {
            var port = Listeners.PortOf(listener);
            var up = await RunAsPluginAsync($"{binary} check tcp 127.0.0.1:{port} --timeout 5");
            Assert.True(up.ExitCode == 0, up.ToString());
            var line = Assert.Single(up.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var match = PluginLine().Match(line);
            Assert.True(match.Success, line);
            Assert.Equal("UP", match.Groups["status"].Value);
            Assert.Equal($"tcp 127.0.0.1:{port}", match.Groups["what"].Value);
            var perf = match.Groups["perf"].Value.Split(' ');
            Assert.StartsWith("time=", perf[0]);
            Assert.Contains(perf, p => p.StartsWith("connect=", StringComparison.Ordinal));
            Assert.All(perf, p => Assert.Matches(@"^[a-z0-9_]+=\d+(\.\d+)?s;;;0$", p));
        }
        finally
        {
            listener.Stop();
        }

        var closed = Listeners.ClosedPort(IPAddress.Loopback);
        var down = await RunAsPluginAsync($"{binary} check tcp 127.0.0.1:{closed}");
        Assert.Equal(2, down.ExitCode);
        Assert.StartsWith($"DOWN tcp 127.0.0.1:{closed}: connect_refused", down.StandardOutput);

        var bad = await RunAsPluginAsync($"{binary} check tcp nowhere");
        Assert.Equal(3, bad.ExitCode);
        Assert.Equal("", bad.StandardOutput);
    }

    /// <summary>As the monitoring daemons run a plugin: <c>/bin/sh -c COMMAND</c>, a bare environment, an unrelated working directory.</summary>
    private static Task<CommandResult> RunAsPluginAsync(string commandLine) =>
        Command.RunAsync("env", ["-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "/bin/sh", "-c", commandLine], PluginTimeout);

    [GeneratedRegex(@"^(linux-vdso|ld-linux(-x86-64|-aarch64)?|libc|libm|libdl|libpthread|librt)\.so(\.\d+)*$")]
    private static partial Regex LibcFamily();

    [GeneratedRegex(@"^(?<status>UP|DEGRADED|DOWN|UNKNOWN) (?<what>\S+ \S+): (?<message>[^|\n]*) \| (?<perf>.+)$")]
    private static partial Regex PluginLine();
}
