using System.Globalization;

namespace Linkwatch.ProbeBench;

/// <summary>
/// What a process's resident memory is made of, from /proc/PID/smaps: its own executable's pages, libcrypto, the other
/// shared libraries, and anonymous memory (the GC heap, the runtime's data, malloc, stacks), in bytes.
/// </summary>
public sealed record MemoryMap(long Executable, long Crypto, long OtherLibraries, long Anonymous, long Other)
{
    public long Total => Executable + Crypto + OtherLibraries + Anonymous + Other;

    public static MemoryMap Read(int pid, string executable)
    {
        var name = Path.GetFileName(executable);
        long exe = 0, crypto = 0, libraries = 0, anonymous = 0, other = 0;
        var mapping = "";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                mapping = fields.Length > 5 ? fields[5] : "";
                continue;
            }
            if (fields.Length < 2 || fields[0] != "Rss:")
                continue;
            var bytes = long.Parse(fields[1], CultureInfo.InvariantCulture) * 1024;
            var file = Path.GetFileName(mapping);
            if (mapping.Length == 0 || mapping is "[heap]" or "[stack]" || mapping.StartsWith("[anon", StringComparison.Ordinal))
                anonymous += bytes;
            else if (file == name)
                exe += bytes;
            else if (file.StartsWith("libcrypto", StringComparison.Ordinal))
                crypto += bytes;
            else if (file.Contains(".so", StringComparison.Ordinal))
                libraries += bytes;
            else
                other += bytes;
        }
        return new MemoryMap(exe, crypto, libraries, anonymous, other);
    }
}
