using System.Globalization;

namespace Linkwatch.TestSupport;

/// <summary>
/// The shipped agent (Native AOT, src/Agent/publish-native.sh) for the tests that run it: published once into
/// <c>artifacts/agent</c> (gitignored) and shared by every test and test process of a run. A lock file serialises the
/// test processes; a stamp beside each binary records the sources it was built from, so a later run publishes again
/// only when src/Agent or src/Shared changed.
/// </summary>
public static class NativeAgentBuild
{
    public const string DefaultRid = "linux-x64";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static string Directory => Path.Combine(Repo.Root, "artifacts", "agent");

    public static string PathOf(string rid) => Path.Combine(Directory, "linkwatch-agent-" + rid);

    /// <summary>What the native build needs that is missing here (clang, the static SQLite), or null.</summary>
    public static string? Problem(string rid = DefaultRid)
    {
        if (!File.Exists("/usr/bin/clang"))
            return "clang is missing (apt-get install clang)";
        var triple = rid == "linux-arm64" ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        if (!File.Exists($"/usr/lib/{triple}/libsqlite3.a"))
            return $"/usr/lib/{triple}/libsqlite3.a is missing (apt-get install libsqlite3-dev{(rid == "linux-arm64" ? ":arm64" : "")})";
        if (rid == "linux-arm64" && !File.Exists("/usr/bin/aarch64-linux-gnu-gcc"))
            return "the arm64 cross toolchain is missing (apt-get install gcc-aarch64-linux-gnu)";
        return null;
    }

    /// <summary>The path of the published <c>linkwatch-agent-{rid}</c>, publishing it first when it is missing or stale.</summary>
    public static async Task<string> EnsureAsync(string rid = DefaultRid)
    {
        if (Problem(rid) is { } problem)
            throw new InvalidOperationException("the native agent cannot be built here: " + problem);
        await InProcess.WaitAsync(PublishTimeout);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            await using var fileLock = await LockAsync();
            var stamp = PathOf(rid) + ".stamp";
            var sources = SourceStamp();
            if (File.Exists(PathOf(rid)) && File.Exists(PathOf(rid) + ".sha256") && File.Exists(stamp)
                && await File.ReadAllTextAsync(stamp) == sources)
                return PathOf(rid);
            File.Delete(stamp);
            var publish = await Command.RunAsync(Path.Combine(Repo.Root, "src", "Agent", "publish-native.sh"), ["-o", Directory, rid], PublishTimeout);
            if (publish.ExitCode != 0 || !File.Exists(PathOf(rid)))
                throw new InvalidOperationException("publishing the native agent failed:\n" + publish);
            await File.WriteAllTextAsync(stamp, sources);
            return PathOf(rid);
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static async Task<FileStream> LockAsync()
    {
        var path = Path.Combine(Directory, ".publish.lock");
        var deadline = DateTime.UtcNow + PublishTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process publishes: wait for it, then use its result.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Count, total size and newest write time of the agent's sources and build files.</summary>
    private static string SourceStamp()
    {
        var files = new[] { Path.Combine(Repo.Root, "src", "Agent"), Path.Combine(Repo.Root, "src", "Shared") }
            .SelectMany(d => System.IO.Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(Repo.Root, f)))
            .Select(f => new FileInfo(f))
            .Where(f => f.Exists)
            .ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} {files.Sum(f => f.Length)} {files.Max(f => f.LastWriteTimeUtc.Ticks)}");
    }
}
