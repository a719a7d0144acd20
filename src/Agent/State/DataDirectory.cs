namespace Linkwatch.Agent.State;

/// <summary>Where every verb keeps its state: credentials, outbox, assignments, last seen addresses.</summary>
public static class DataDirectory
{
    public const string EnvironmentVariable = "LINKWATCH_AGENT_DATA";

    /// <summary>
    /// The explicit directory if given, else <c>LINKWATCH_AGENT_DATA</c>, else the per-user or
    /// system default. Root gets a system path so a service unit and an interactive root shell agree.
    /// </summary>
    public static string Resolve(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
            return Path.GetFullPath(explicitDirectory);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
            return "/var/lib/linkwatch-agent";
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "linkwatch-agent");
    }

    /// <summary>Creates the directory, readable by the owner only (it holds the credential).</summary>
    public static void Ensure(string directory)
    {
        if (Directory.Exists(directory))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
