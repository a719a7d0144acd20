namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// The data directory holds the store, the generated secrets and the Data Protection keys: it is the owner's alone
/// (0700), and the store's files are 0600, whatever the umask made of them. Files SQLite creates later (its WAL and
/// shared-memory files) sit inside the 0700 directory, where nobody else can reach them.
/// </summary>
public static class DataDirectory
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> owner-only, or makes an existing one so.</summary>
    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerOnlyDirectory);
        try
        {
            if (File.GetUnixFileMode(path) != OwnerOnlyDirectory)
                File.SetUnixFileMode(path, OwnerOnlyDirectory);
        }
        catch (UnauthorizedAccessException)
        {
            // A directory someone else owns (prepared by an administrator) keeps the mode they gave it.
        }
    }

    /// <summary>Makes the files of <paramref name="directory"/> that match <paramref name="pattern"/> owner-only.</summary>
    public static void RestrictFiles(string directory, string pattern)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(directory))
            return;
        foreach (var file in Directory.EnumerateFiles(directory, pattern))
        {
            if (File.GetUnixFileMode(file) != OwnerOnlyFile)
                File.SetUnixFileMode(file, OwnerOnlyFile);
        }
    }
}
