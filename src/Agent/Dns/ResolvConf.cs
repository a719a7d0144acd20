namespace Linkwatch.Agent.Dns;

/// <summary>The system's configured DNS servers, for a dns check without a server of its own.</summary>
public static class ResolvConf
{
    public const string DefaultPath = "/etc/resolv.conf";

    /// <summary>The first <c>nameserver</c> line that holds an address, or null.</summary>
    public static IPAddress? FirstNameserver(string path = DefaultPath)
    {
        if (!File.Exists(path))
            return null;
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            // A zone index (fe80::1%eth0) is allowed by glibc; IPAddress parses it too.
            if (fields is ["nameserver", var text, ..] && IPAddress.TryParse(text, out var address))
                return address;
        }
        return null;
    }
}
