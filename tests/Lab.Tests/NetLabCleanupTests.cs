using System.Globalization;
using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests;

/// <summary>The lab leaves nothing behind: namespaces, /etc/netns files, processes (also ones forked out of sight), after a failure too.</summary>
public sealed class NetLabCleanupTests
{
    [LabFact]
    public async Task Disposed_lab_leaves_no_namespace_file_or_process_behind_even_after_a_failed_server()
    {
        var lab = await NetLab.CreateAsync();
        string[] pids;
        try
        {
            await lab.WriteClientHostsAsync($"{NetLab.ServerV4} target.lab\n");
            await lab.NftTableAsync(lab.Server, "lwlab", "chain input { type filter hook input priority 0; policy accept; }");
            // A shell that forks a grandchild and exits, as daemons do: only the namespace knows of it.
            await lab.ExecAsync(lab.Server, "sh", "-c", "setsid sleep 600 >/dev/null 2>&1 < /dev/null &");
            lab.Start(lab.Client, "sleeper", "sleep", "600");
            // A server that cannot start fails with its output, and the lab is still cleaned up.
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => lab.StartNginxStreamAsync("this is not nginx syntax;", 9000));
            Assert.Contains("exited before listening", failure.Message, StringComparison.Ordinal);
            pids = [.. (await Command.RunCheckedAsync("ip", ["netns", "pids", lab.Server])).StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            Assert.NotEmpty(pids);
        }
        finally
        {
            await lab.DisposeAsync();
        }

        var namespaces = (await Command.RunCheckedAsync("ip", ["netns", "list"])).StandardOutput;
        Assert.DoesNotContain(lab.Client, namespaces, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Server, namespaces, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine("/etc/netns", lab.Client)));
        Assert.False(Directory.Exists(lab.AgentData));
        Assert.All(pids, pid => Assert.False(IsRunning(int.Parse(pid, CultureInfo.InvariantCulture)), $"process {pid} survived"));
    }

    /// <summary>A killed orphan can linger as a zombie until init reaps it; that is not running.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }
}
