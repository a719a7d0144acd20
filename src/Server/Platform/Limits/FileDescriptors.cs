using System.Runtime.InteropServices;

namespace Linkwatch.Server.Platform.Limits;

/// <summary>
/// The process's open-file limit (RLIMIT_NOFILE): every connection costs one descriptor, so the connection limits
/// are derived from it. The soft limit is raised to the hard one where the system allows, as far as it goes.
/// </summary>
public static partial class FileDescriptors
{
    private const int RlimitNofileLinux = 7;
    private const int RlimitNofileMac = 8;

    /// <summary>Descriptors kept back from connections: the store, data-protection keys, logs, outgoing notification and probe sockets.</summary>
    public static int Reserve(long soft) => (int)Math.Clamp(soft / 8, 64, 1024);

    /// <summary>The soft limit after raising it to the hard limit if it was lower; null where the platform has none (Windows).</summary>
    public static (long Soft, long Hard, bool Raised)? RaiseSoftLimit()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return null;
        var resource = OperatingSystem.IsLinux() ? RlimitNofileLinux : RlimitNofileMac;
        if (GetRLimit(resource, out var limit) != 0)
            return null;
        if (limit.Current >= limit.Max)
            return ((long)Math.Min(limit.Current, long.MaxValue), (long)Math.Min(limit.Max, long.MaxValue), false);
        // macOS refuses more than OPEN_MAX for an unlimited hard limit; a failed raise keeps the old soft limit.
        var raised = new RLimit { Current = limit.Max, Max = limit.Max };
        if (SetRLimit(resource, ref raised) == 0)
            return ((long)Math.Min(limit.Max, long.MaxValue), (long)Math.Min(limit.Max, long.MaxValue), true);
        return ((long)Math.Min(limit.Current, long.MaxValue), (long)Math.Min(limit.Max, long.MaxValue), false);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetRLimit(int resource, ref RLimit limit);
}
