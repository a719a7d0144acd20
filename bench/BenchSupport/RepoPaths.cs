namespace Linkwatch.BenchSupport;

/// <summary>Finds the repository (the folder holding Dashboard.sln) and the built server in it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ServerDll => Path.Combine(Root, "src", "Server", "bin", "Release", "net10.0", "Linkwatch.Server.dll");

    public static string BenchmarksDoc => Path.Combine(Root, "docs", "benchmarks.md");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
                    return directory.FullName;
            }
        }
        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
