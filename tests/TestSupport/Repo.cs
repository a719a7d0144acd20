namespace Linkwatch.TestSupport;

/// <summary>Locates the repository and the built programs the tests start.</summary>
public static class Repo
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    public static string ServerDll => Path.Combine(Root, "src", "Server", "bin", Configuration, "net10.0", "Linkwatch.Server.dll");
    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), so a child under <c>ip netns exec</c> uses the same one.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static string AgentDll => Path.Combine(Root, "src", "Agent", "bin", Configuration, "net10.0", "linkwatch-agent.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
