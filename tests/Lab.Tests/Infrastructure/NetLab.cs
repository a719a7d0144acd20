using System.Diagnostics;
using System.Globalization;

namespace Linkwatch.Lab.Tests.Infrastructure;

/// <summary>
/// Two network namespaces, "client" and "server", joined by a veth pair created directly between
/// them (the root namespace's interfaces, routes and nft rules are never touched). Addresses come
/// from documentation (198.51.100.0/24) and ULA (fd42:6c77::/64) ranges and exist only inside the
/// namespaces. Servers and the agent run as child processes under <c>ip netns exec</c>; the test
/// process itself never enters a namespace. Names carry a random suffix so that labs of parallel
/// test classes and parallel test runs never meet. Dispose removes everything that was created,
/// also after a failed start.
/// </summary>
public sealed class NetLab : IAsyncDisposable
{
    public const string ClientV4 = "198.51.100.1";
    public const string ServerV4 = "198.51.100.2";
    public const string ClientV6 = "fd42:6c77::1";
    public const string ServerV6 = "fd42:6c77::2";
    public const string Link = "lw0";

    /// <summary>The responder's ports (docs/responder.md): TCP echo and the half-close echo.</summary>
    public const int TcpEcho = 7650;
    public const int HalfCloseEcho = 7651;

    private const string EtcNetns = "/etc/netns";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(60);

    private readonly List<BackgroundProcess> _processes = [];
    private readonly List<string> _namespaces = [];
    private readonly List<(string Namespace, string Table)> _tables = [];
    private readonly List<string> _etcDirectories = [];
    private readonly TempDirectory _temp = new();

    private NetLab()
    {
        Id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];
        Client = "lw-c-" + Id;
        Server = "lw-s-" + Id;
        AgentData = _temp.Sub("agent-data");
    }

    public string Id { get; }
    public string Client { get; }
    public string Server { get; }

    /// <summary>The agent's <c>--data-dir</c> for every check of this lab (resolve remembers addresses there).</summary>
    public string AgentData { get; }

    public static async Task<NetLab> CreateAsync()
    {
        LabEnvironment.Require();
        var lab = new NetLab();
        try
        {
            await lab.BuildAsync();
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
        return lab;
    }

    private async Task BuildAsync()
    {
        foreach (var ns in new[] { Client, Server })
        {
            await Command.RunCheckedAsync("ip", ["netns", "add", ns]);
            _namespaces.Add(ns);
            await IpAsync(ns, "link", "set", "lo", "up");
        }
        // Created inside the client namespace with its peer placed straight into the server's.
        await IpAsync(Client, "link", "add", Link, "type", "veth", "peer", "name", Link, "netns", Server);
        foreach (var (ns, v4, v6) in new[] { (Client, ClientV4, ClientV6), (Server, ServerV4, ServerV6) })
        {
            await IpAsync(ns, "addr", "add", v4 + "/24", "dev", Link);
            // nodad: usable at once, no duplicate address detection wait.
            await IpAsync(ns, "addr", "add", v6 + "/64", "dev", Link, "nodad");
            await IpAsync(ns, "link", "set", Link, "up");
        }
    }

    /// <summary><c>ip -n NS ARGS</c>, failing with the output unless it exits 0.</summary>
    public Task<CommandResult> IpAsync(string ns, params string[] args) =>
        Command.RunCheckedAsync("ip", ["-n", ns, .. args]);

    /// <summary>Runs a command inside <paramref name="ns"/> to completion, failing unless it exits 0.</summary>
    public Task<CommandResult> ExecAsync(string ns, params string[] command) =>
        Command.RunCheckedAsync("ip", ["netns", "exec", ns, .. command]);

    /// <summary>Starts a long-running program inside <paramref name="ns"/>; it is killed on dispose.</summary>
    public BackgroundProcess Start(string ns, string name, params string[] command)
    {
        var process = BackgroundProcess.Start(name, "ip", ["netns", "exec", ns, .. command]);
        _processes.Add(process);
        return process;
    }

    /// <summary>Waits until <paramref name="ports"/> listen in <paramref name="ns"/>; fails early, with its output, if the process exits.</summary>
    public async Task WaitForListenersAsync(BackgroundProcess process, string ns, string protocol, params int[] ports)
    {
        var flags = protocol switch
        {
            "tcp" => "-Hltn",
            "udp" => "-Hlun",
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "tcp or udp"),
        };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{process.Name} exited before listening on {protocol} {string.Join(", ", ports)}:\n{process.Describe()}");
            var listing = await Command.RunCheckedAsync("ss", ["-N", ns, flags]);
            var listening = listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 4)
                .Select(fields => fields[3])
                .ToList();
            if (ports.All(port => listening.Any(local => local.EndsWith(":" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))))
                return;
            if (stopwatch.Elapsed > ReadyTimeout)
                throw new TimeoutException($"{process.Name} did not listen on {protocol} {string.Join(", ", ports)} within {ReadyTimeout}:\n{listing.StandardOutput}\n{process.Describe()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The agent's own responder in the server namespace, dual-stack on <c>::</c>.</summary>
    public async Task<BackgroundProcess> StartResponderAsync()
    {
        var responder = Start(Server, "responder", Repo.DotnetHost, Repo.AgentDll, "responder", "--listen", "::",
            "--data-dir", _temp.Sub("responder-data"));
        await WaitForListenersAsync(responder, Server, "tcp", TcpEcho, HalfCloseEcho);
        return responder;
    }

    /// <summary>
    /// nginx in the server namespace with the given <c>stream { }</c> body, run in the foreground
    /// with its prefix, pid file and log in this lab's temp directory (never the system service's).
    /// </summary>
    public async Task<BackgroundProcess> StartNginxStreamAsync(string streamBody, params int[] ports)
    {
        var directory = _temp.Sub("nginx");
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            load_module {{LabEnvironment.StreamModule}};
            worker_processes 1;
            error_log stderr info;
            events { worker_connections 64; }
            stream {
            {{streamBody}}
            }
            """);
        var nginx = Start(Server, "nginx", "nginx", "-p", directory + "/", "-c", config, "-e", "stderr",
            "-g", $"daemon off; pid {Path.Combine(directory, "nginx.pid")};");
        await WaitForListenersAsync(nginx, Server, "tcp", ports);
        return nginx;
    }

    /// <summary>
    /// A TCP service on 127.0.0.1:<paramref name="port"/> in the server namespace that reads the request
    /// to EOF and only then answers with the same bytes, like a server behind <c>nc -N</c>: its reply
    /// can only come back if the path carries the client's half-close and keeps the other direction open.
    /// </summary>
    public async Task<BackgroundProcess> StartReplyAfterEofServerAsync(int port)
    {
        // -t 10: after the request's EOF, socat waits this long for the reply instead of its default 0.5 s.
        var socat = Start(Server, "reply-after-eof", "socat", "-t", "10",
            $"TCP4-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork", "SYSTEM:buf=$(cat); printf %s \"$buf\"");
        await WaitForListenersAsync(socat, Server, "tcp", port);
        return socat;
    }

    /// <summary>dnsmasq in the server namespace, authoritative for <c>lab.test</c> (NXDOMAIN for unknown names there).</summary>
    public async Task<BackgroundProcess> StartDnsmasqAsync(params string[] hostRecords)
    {
        var directory = _temp.Sub("dnsmasq");
        string[] args =
        [
            "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces",
            $"--listen-address={ServerV4}", $"--listen-address={ServerV6}", "--port=53",
            "--local=/lab.test/", "--log-queries", "--log-facility=-",
            $"--pid-file={Path.Combine(directory, "dnsmasq.pid")}",
            .. hostRecords.Select(r => "--host-record=" + r),
        ];
        var dnsmasq = Start(Server, "dnsmasq", args);
        await WaitForListenersAsync(dnsmasq, Server, "udp", 53);
        await WaitForListenersAsync(dnsmasq, Server, "tcp", 53);
        return dnsmasq;
    }

    /// <summary>Loads <c>table inet NAME { BODY }</c> into <paramref name="ns"/>'s nftables (replacing an earlier one of that name).</summary>
    public async Task NftTableAsync(string ns, string name, string body)
    {
        var file = Path.Combine(_temp.Sub("nft"), $"{ns}-{name}-{Guid.NewGuid():N}.nft");
        var exists = _tables.Contains((ns, name));
        await File.WriteAllTextAsync(file, (exists ? $"delete table inet {name}\n" : "") + $"table inet {name} {{\n{body}\n}}\n");
        await ExecAsync(ns, "nft", "-f", file);
        if (!exists)
            _tables.Add((ns, name));
    }

    /// <summary>
    /// Writes the client namespace's <c>/etc/hosts</c>: <c>ip netns exec</c> bind-mounts
    /// <c>/etc/netns/NS/*</c> over <c>/etc/*</c> in the child's private mount namespace. An
    /// nsswitch.conf that looks only at files keeps the lookups hermetic (no mDNS, no host DNS).
    /// </summary>
    public async Task WriteClientHostsAsync(string hosts)
    {
        var directory = Path.Combine(EtcNetns, Client);
        if (!_etcDirectories.Contains(directory))
        {
            CreateEtcDirectory(directory);
            _etcDirectories.Add(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "nsswitch.conf"),
                "passwd: files\ngroup: files\nshadow: files\nhosts: files\nnetworks: files\nprotocols: files\nservices: files\n");
        }
        // Written to a new file and renamed: each `ip netns exec` binds whatever file is there at its start.
        var path = Path.Combine(directory, "hosts");
        await File.WriteAllTextAsync(path + ".tmp", hosts);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Runs <c>linkwatch-agent check ARGS --json</c> in the client namespace.</summary>
    public async Task<AgentResult> CheckAsync(params string[] args)
    {
        var run = await Command.RunAsync("ip",
            ["netns", "exec", Client, Repo.DotnetHost, Repo.AgentDll, "check", .. args, "--json", "--data-dir", AgentData],
            AgentTimeout);
        return AgentResult.Parse(run, Describe);
    }

    /// <summary>Every server's output so far, for failure messages.</summary>
    public string Describe() =>
        $"lab {Client} / {Server}:\n" + string.Join("\n", _processes.Select(p => p.Describe()));

    public async ValueTask DisposeAsync()
    {
        var errors = new List<Exception>();
        async Task Try(Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            var process = _processes[i];
            await Try(async () => await process.DisposeAsync());
        }
        foreach (var (ns, table) in _tables)
            await Try(() => ExecAsync(ns, "nft", "delete", "table", "inet", table));
        foreach (var ns in _namespaces)
            await Try(() => KillLeftoversAsync(ns));
        foreach (var ns in _namespaces)
            await Try(() => Command.RunCheckedAsync("ip", ["netns", "delete", ns]));
        foreach (var directory in _etcDirectories)
        {
            await Try(() =>
            {
                Directory.Delete(directory, recursive: true);
                return Task.CompletedTask;
            });
        }
        if (_etcDirectories.Count > 0)
            RemoveEtcNetnsIfEmpty();
        await Try(() =>
        {
            _temp.Dispose();
            return Task.CompletedTask;
        });
        if (errors.Count > 0)
            throw new AggregateException($"cleaning up lab {Id} failed", errors);
    }

    /// <summary>Processes still inside one of this lab's namespaces (a forked socat child, say) are this lab's: end them by pid.</summary>
    private static async Task KillLeftoversAsync(string ns)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var pids = (await Command.RunCheckedAsync("ip", ["netns", "pids", ns])).StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
                .ToList();
            if (pids.Count == 0)
                return;
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException($"processes {string.Join(", ", pids)} survive in {ns}");
            foreach (var pid in pids)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Gone in the meantime.
                }
            }
            await Task.Delay(100);
        }
    }

    private static void CreateEtcDirectory(string directory)
    {
        // A lab finishing at the same moment may remove an empty /etc/netns between our mkdirs: try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(directory);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < 5)
            {
            }
        }
    }

    private static void RemoveEtcNetnsIfEmpty()
    {
        try
        {
            // Another lab running at the same time may be using it; then it is not empty and stays.
            if (Directory.Exists(EtcNetns) && !Directory.EnumerateFileSystemEntries(EtcNetns).Any())
                Directory.Delete(EtcNetns);
        }
        catch (IOException)
        {
        }
    }
}
