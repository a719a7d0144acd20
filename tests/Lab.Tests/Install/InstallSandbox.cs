using System.Globalization;
using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests.Install;

/// <summary>
/// A host to install the agent on, inside a lab namespace: each command runs under <c>unshare --mount</c> with copies of
/// this sandbox's folders bind-mounted over <c>/etc</c> (users, groups, the systemd unit), <c>/usr/local/bin</c> and
/// <c>/var/lib</c>, and a <c>systemctl</c> on the PATH that only records what it was asked. Nothing of the real host
/// changes; the folders stay behind in the test's temp directory so the test can look at what was written.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallSandbox : IDisposable
{
    private readonly TempDirectory _root = new("install-sandbox");

    private InstallSandbox()
    {
        Etc = _root.Sub("etc");
        Bin = _root.Sub("usr-local-bin");
        VarLib = _root.Sub("var-lib");
        Work = _root.Sub("work");
        Shim = _root.Sub("shim");
        Script = Path.Combine(_root.Path, "sandbox.sh");
    }

    public string Etc { get; }
    public string Bin { get; }
    public string VarLib { get; }
    /// <summary>The empty working directory of every command, like a unit's.</summary>
    public string Work { get; }
    public string Shim { get; }
    public string Script { get; }
    public string SystemctlLog => Path.Combine(_root.Path, "systemctl.log");

    public static async Task<InstallSandbox> CreateAsync()
    {
        var sandbox = new InstallSandbox();
        try
        {
            // A copy, not a bind of single files: useradd replaces /etc/passwd by a rename, which a file bind refuses.
            await Command.RunCheckedAsync("cp", ["-a", "/etc/.", sandbox.Etc]);
            var systemctl = Path.Combine(sandbox.Shim, "systemctl");
            await File.WriteAllTextAsync(systemctl, $"#!/bin/sh\necho \"$*\" >> '{sandbox.SystemctlLog}'\n");
            File.SetUnixFileMode(systemctl, (UnixFileMode)0b111_101_101);
            await File.WriteAllTextAsync(sandbox.Script, $"""
                #!/bin/sh
                set -eu
                mount --bind '{sandbox.Etc}' /etc
                mount --bind '{sandbox.Bin}' /usr/local/bin
                mount --bind '{sandbox.VarLib}' /var/lib
                export PATH='{sandbox.Shim}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
                cd '{sandbox.Work}'
                exec "$@"

                """);
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
        return sandbox;
    }

    /// <summary>The command line that runs <paramref name="command"/> inside this sandbox (to be run inside a lab namespace).</summary>
    public string[] Wrap(params string[] command) =>
        ["unshare", "--mount", "--propagation", "private", "sh", Script, .. command];

    /// <summary>Runs <paramref name="shellCommand"/> with <c>sh -c</c> in this sandbox inside <paramref name="ns"/>.</summary>
    public Task<CommandResult> RunAsync(string ns, string shellCommand, TimeSpan timeout) =>
        Command.RunAsync("ip", ["netns", "exec", ns, .. Wrap("sh", "-c", shellCommand)], timeout);

    /// <summary>The uid and gid of <paramref name="user"/> in the sandbox's /etc/passwd, or null.</summary>
    public (int Uid, int Gid)? User(string user)
    {
        foreach (var line in File.ReadAllLines(Path.Combine(Etc, "passwd")))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == user)
                return (int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
        }
        return null;
    }

    public bool HasGroup(string group) =>
        File.ReadAllLines(Path.Combine(Etc, "group")).Any(l => l.StartsWith(group + ":", StringComparison.Ordinal));

    public string SystemctlCalls => File.Exists(SystemctlLog) ? File.ReadAllText(SystemctlLog) : "";

    public void Dispose() => _root.Dispose();
}
