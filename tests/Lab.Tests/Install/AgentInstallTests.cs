using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests.Install;

/// <summary>
/// The one-line install as a new user runs it: the native agent published once (<see cref="NativeAgentBuild"/>), served by
/// a real server inside a lab namespace, the script fetched from it with curl and run as root in an <see cref="InstallSandbox"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AgentInstallTests
{
    private const int ServerPort = 5080;
    private const string Server = "http://127.0.0.1:5080";
    private const string AgentName = "installed-1";
    private const string Bin = "/usr/local/bin/linkwatch-agent";
    private const string Data = "/var/lib/linkwatch-agent";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [LabFact]
    public async Task Install_line_installs_enrolls_and_the_unit_command_reports_then_a_rerun_upgrades_keeping_the_identity_and_uninstall_removes_all()
    {
        var binary = await NativeAgentBuild.EnsureAsync();
        var binaryHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(binary)));
        await using var lab = await NetLab.CreateAsync();
        using var sandbox = await InstallSandbox.CreateAsync();
        using var serverData = new TempDirectory("install-server");
        var server = lab.Start(lab.Client, "server", "env",
            $"Storage__DataDir={serverData.Path}", $"Enrollment__Token={ServerProcess.EnrollmentToken}", $"Api__BootstrapKey={ServerProcess.ApiKey}",
            $"Admin__Email={ServerProcess.AdminEmail}", $"Admin__Password={ServerProcess.AdminPassword}", "EmbeddedAgent__Enabled=false",
            $"Agent__DownloadsDir={NativeAgentBuild.Directory}",
            Repo.DotnetHost, Repo.ServerDll, "--urls", Server);
        await lab.WaitForListenersAsync(server, lab.Client, "tcp", ServerPort);
        await WaitReadyAsync(lab, server);

        var token = await MintTokenAsync(lab);
        var install = await sandbox.RunAsync(lab.Client,
            $"curl -fsSL {Server}/install/agent.sh | sh -s -- --token {token} --name {AgentName} --label site=lab", ScriptTimeout);
        Assert.True(install.ExitCode == 0, $"install failed:\n{install}\n{lab.Describe()}");

        // What the script left: the verified binary, the user, a 0700 data dir of that user with credentials, the unit, enabled.
        var installed = Path.Combine(sandbox.Bin, "linkwatch-agent");
        Assert.Equal(binaryHash, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(installed))));
        var user = sandbox.User("linkwatch") ?? throw new Xunit.Sdk.XunitException("no linkwatch user in /etc/passwd");
        var data = Path.Combine(sandbox.VarLib, "linkwatch-agent");
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(data));
        Assert.Equal(user.Uid, (await StatAsync("%u", data)));
        var credentials = await File.ReadAllTextAsync(Path.Combine(data, "credentials.json"));
        Assert.Contains($"\"{AgentName}\"", credentials);
        var unit = await File.ReadAllTextAsync(Path.Combine(sandbox.Etc, "systemd", "system", "linkwatch-agent.service"));
        foreach (var setting in new[]
                 {
                     "User=linkwatch", $"ExecStart={Bin} run --data-dir {Data}", "AmbientCapabilities=CAP_NET_RAW", "NoNewPrivileges=yes",
                     "ProtectSystem=strict", $"ReadWritePaths={Data}", "Restart=always", "WantedBy=multi-user.target",
                 })
            Assert.Contains(setting + "\n", unit);
        Assert.Contains("enable linkwatch-agent.service", sandbox.SystemctlCalls);

        // Started as the unit starts it: its ExecStart, as its user, from an empty directory, with a bare environment.
        await CreateCheckAsync(lab);
        var execStart = unit.Split('\n').Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..].Split(' ');
        var agent = lab.Start(lab.Client, "installed agent", sandbox.Wrap(
            ["env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
             "setpriv", $"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups", .. execStart]));
        await WaitForResultsAsync(lab, agent);
        // SIGTERM as systemd stops it (the lab still owns the process and disposes it at the end).
        await Command.RunCheckedAsync("kill", ["-TERM", agent.Id.ToString(CultureInfo.InvariantCulture)]);
        var stopped = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!agent.HasExited && DateTime.UtcNow < stopped)
            await Task.Delay(100);
        Assert.True(agent.HasExited, "the installed agent did not stop on SIGTERM:\n" + agent.Describe());

        // Again, with the token already spent: an upgrade in place (a stale binary is replaced), the same identity, no enrollment.
        await File.WriteAllTextAsync(installed, "#!/bin/sh\necho stale build\n");
        var upgrade = await sandbox.RunAsync(lab.Client, $"curl -fsSL {Server}/install/agent.sh | sh -s -- --token {token}", ScriptTimeout);
        Assert.True(upgrade.ExitCode == 0, $"upgrade failed:\n{upgrade}");
        Assert.Contains("keeping the agent's identity", upgrade.StandardOutput);
        Assert.Equal(binaryHash, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(installed))));
        Assert.Equal(credentials, await File.ReadAllTextAsync(Path.Combine(data, "credentials.json")));
        using (var agents = JsonDocument.Parse(await CurlAsync(lab, "/api/agents")))
            Assert.Single(agents.RootElement.EnumerateArray(), a => a.GetProperty("name").GetString() == AgentName);

        var uninstall = await sandbox.RunAsync(lab.Client, $"curl -fsSL {Server}/install/agent.sh | sh -s -- --uninstall", ScriptTimeout);
        Assert.True(uninstall.ExitCode == 0, $"uninstall failed:\n{uninstall}");
        Assert.False(File.Exists(installed));
        Assert.False(Directory.Exists(data));
        Assert.False(File.Exists(Path.Combine(sandbox.Etc, "systemd", "system", "linkwatch-agent.service")));
        Assert.Null(sandbox.User("linkwatch"));
        Assert.False(sandbox.HasGroup("linkwatch"));
        Assert.Contains("disable linkwatch-agent.service", sandbox.SystemctlCalls);
    }

    [LabFact]
    public async Task Install_refuses_a_binary_that_does_not_match_its_checksum_and_installs_nothing()
    {
        var binary = await NativeAgentBuild.EnsureAsync();
        await using var lab = await NetLab.CreateAsync();
        using var sandbox = await InstallSandbox.CreateAsync();
        using var serverData = new TempDirectory("install-server");
        using var downloads = new TempDirectory("install-downloads");
        var rid = NativeAgentBuild.DefaultRid;
        File.Copy(binary, Path.Combine(downloads.Path, "linkwatch-agent-" + rid));
        await File.AppendAllTextAsync(Path.Combine(downloads.Path, "linkwatch-agent-" + rid), "tampered");
        File.Copy(binary + ".sha256", Path.Combine(downloads.Path, $"linkwatch-agent-{rid}.sha256"));
        var server = lab.Start(lab.Client, "server", "env",
            $"Storage__DataDir={serverData.Path}", $"Enrollment__Token={ServerProcess.EnrollmentToken}", $"Api__BootstrapKey={ServerProcess.ApiKey}",
            $"Admin__Email={ServerProcess.AdminEmail}", $"Admin__Password={ServerProcess.AdminPassword}", "EmbeddedAgent__Enabled=false",
            $"Agent__DownloadsDir={downloads.Path}",
            Repo.DotnetHost, Repo.ServerDll, "--urls", Server);
        await lab.WaitForListenersAsync(server, lab.Client, "tcp", ServerPort);
        await WaitReadyAsync(lab, server);

        var install = await sandbox.RunAsync(lab.Client,
            $"curl -fsSL {Server}/install/agent.sh | sh -s -- --token {ServerProcess.EnrollmentToken}", ScriptTimeout);
        Assert.Equal(1, install.ExitCode);
        Assert.Contains("does not match its checksum", install.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(sandbox.Bin));
        Assert.Null(sandbox.User("linkwatch"));
        Assert.Equal("", sandbox.SystemctlCalls);
    }

    private static async Task WaitReadyAsync(NetLab lab, BackgroundProcess server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await Command.RunAsync("ip", ["netns", "exec", lab.Client, "curl", "-fsS", "--max-time", "5", Server + "/readyz"])).ExitCode != 0)
        {
            if (server.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException("the server did not get ready:\n" + server.Describe());
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<string> MintTokenAsync(NetLab lab)
    {
        using var minted = JsonDocument.Parse(await CurlAsync(lab, "/api/enrollment-tokens", $$"""{"name":"{{AgentName}}","expiresInMinutes":30}"""));
        return minted.RootElement.GetProperty("token").GetString()!;
    }

    private static async Task CreateCheckAsync(NetLab lab) =>
        await CurlAsync(lab, "/api/checks",
            $$"""{"name":"installed-tcp","kind":"tcp","target":"127.0.0.1:{{ServerPort}}","intervalSeconds":10,"agents":["{{AgentName}}"]}""");

    private static async Task WaitForResultsAsync(NetLab lab, BackgroundProcess agent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (agent.HasExited)
                throw new Xunit.Sdk.XunitException("the installed agent exited:\n" + agent.Describe());
            using var results = JsonDocument.Parse(await CurlAsync(lab, $"/api/results?agent={AgentName}&limit=5"));
            if (results.RootElement.EnumerateArray().Any(r => r.GetProperty("verdict").GetString() == "ok"))
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("no result of the installed agent stored within 90 s:\n" + agent.Describe() + "\n" + lab.Describe());
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The API from inside the namespace (the server listens on the namespace's loopback only).</summary>
    private static async Task<string> CurlAsync(NetLab lab, string path, string? jsonBody = null)
    {
        string[] args = ["curl", "-fsS", "--max-time", "20", "-H", $"Authorization: Bearer {ServerProcess.ApiKey}"];
        if (jsonBody is not null)
            args = [.. args, "-H", "Content-Type: application/json", "--data", jsonBody];
        return (await lab.ExecAsync(lab.Client, [.. args, Server + path])).StandardOutput;
    }

    private static async Task<int> StatAsync(string format, string path) =>
        int.Parse((await Command.RunCheckedAsync("stat", ["-c", format, path])).StandardOutput.Trim(), CultureInfo.InvariantCulture);
}
