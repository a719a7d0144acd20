using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Linkwatch.Server.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for the tests: <c>initdb</c> into a temp directory, <c>pg_ctl start</c>
/// on 127.0.0.1 and a free port (its socket in the same directory), stopped and deleted on dispose.
/// It never touches the system's clusters or service. As root the server runs as the <c>postgres</c> user
/// (<c>runuser</c>), since PostgreSQL refuses to run as root; otherwise as the current user.
/// Started lazily by the first test that asks, so skipped tests cost nothing.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    /// <summary>Debian's PostgreSQL 15 server binaries; <c>LINKWATCH_PG_BIN</c> points elsewhere.</summary>
    public static readonly string BinDir = Environment.GetEnvironmentVariable("LINKWATCH_PG_BIN") is { Length: > 0 } bin
        ? bin : "/usr/lib/postgresql/15/bin";
    private const string User = "linkwatch";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _dataDir;
    private int _port;
    private int _databases;

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    /// <summary>CI must run them: there a missing PostgreSQL fails the tests instead of skipping them.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A new empty database on the cluster (started on first use); returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        await StartAsync();
        var name = $"lw_test_{Interlocked.Increment(ref _databases)}_{Environment.ProcessId}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = User,
        Database = database,
        Timeout = 30,
        CommandTimeout = 60,
    }.ToString();

    private async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_dataDir is not null)
                return;
            if (UnavailableReason is not null)
                throw new InvalidOperationException("PostgreSQL tests cannot run: " + UnavailableReason);
            var dir = Directory.CreateTempSubdirectory("lw-pg-").FullName;
            try
            {
                if (IsRoot)
                    await RunAsync("chown", ["postgres:postgres", dir]);
                var data = Path.Combine(dir, "data");
                await RunPostgresToolAsync("initdb", ["-D", data, "-A", "trust", "-U", User, "-E", "UTF8", "--no-sync"]);
                _port = FreePort();
                // fsync off: a throwaway cluster, and the machine is shared.
                await RunPostgresToolAsync("pg_ctl",
                [
                    "-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
                    "-o", $"-k {dir} -p {_port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                    "start",
                ]);
                _dataDir = dir;
            }
            catch (Exception ex)
            {
                var log = Path.Combine(dir, "server.log");
                var tail = File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
                await StopAndDeleteAsync(dir);
                throw new InvalidOperationException("starting the test PostgreSQL cluster failed; server log:\n" + tail, ex);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_dataDir is not null)
            await StopAndDeleteAsync(_dataDir);
        _dataDir = null;
    }

    private static async Task StopAndDeleteAsync(string dir)
    {
        var data = Path.Combine(dir, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await RunPostgresToolAsync("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"stopping the test PostgreSQL cluster in {dir} failed: {ex.Message}");
            }
        }
        try
        {
            Directory.Delete(dir, true);
        }
        catch (IOException)
        {
        }
    }

    private static Task RunPostgresToolAsync(string tool, string[] args) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDir, tool), .. args])
            : RunAsync(Path.Combine(BinDir, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user cannot read the test's working directory necessarily.
            WorkingDirectory = "/",
        };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {CommandTimeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stdout}{await stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindUnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
            return "not Linux";
        if (!File.Exists(Path.Combine(BinDir, "initdb")) || !File.Exists(Path.Combine(BinDir, "pg_ctl")))
            return $"PostgreSQL server binaries (initdb, pg_ctl) not found in {BinDir} (apt-get install postgresql-15, or set LINKWATCH_PG_BIN)";
        if (IsRoot && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
            return "running as root, and runuser (to start PostgreSQL as the postgres user) is missing";
        if (IsRoot && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)))
            return "running as root, and there is no postgres user to run the server as";
        return null;
    }
}

/// <summary>All PostgreSQL tests share one cluster (each test takes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}

/// <summary>
/// A fact that needs the real PostgreSQL: skipped, with the reason, where PostgreSQL 15 is missing,
/// unless <c>CI=true</c>, where it runs and fails.
/// </summary>
public sealed class PostgresFactAttribute() : RequirementFactAttribute(
    PostgresCluster.UnavailableReason is { } reason && !PostgresCluster.Required
        ? "PostgreSQL unavailable: " + reason + " (set CI=true to fail instead)"
        : null);
