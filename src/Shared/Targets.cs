using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Linkwatch.Shared;

/// <summary>Parses and validates check targets per kind.</summary>
public static class Targets
{
    /// <summary>
    /// Parses <paramref name="target"/> for <paramref name="kind"/>. On failure, <paramref name="error"/>
    /// says what is wrong in one line.
    /// </summary>
    public static bool TryParse(string kind, string? target, [NotNullWhen(true)] out ParsedTarget? parsed,
        [NotNullWhen(false)] out string? error, bool allowMesh = false)
    {
        parsed = null;
        if (CheckKinds.TargetFormOf(kind) == TargetForm.None)
            return TryParseNone(kind, target, out parsed, out error);
        if (string.IsNullOrWhiteSpace(target))
        {
            error = "target is empty";
            return false;
        }
        if (target.Any(char.IsWhiteSpace))
        {
            error = $"target '{target}' contains whitespace";
            return false;
        }
        if (allowMesh && target.StartsWith('@') && CheckKinds.TargetFormOf(kind) == TargetForm.HostPort)
        {
            var name = target[1..];
            if (name.Length == 0 || name.Length > AgentNames.MaxLength)
            {
                error = $"mesh target '{target}' needs an agent name, or @all";
                return false;
            }
            parsed = new ParsedTarget(target, 0, null);
            error = null;
            return true;
        }
        return CheckKinds.TargetFormOf(kind) switch
        {
            TargetForm.Url => TryParseUrl(kind, target, out parsed, out error),
            TargetForm.Name => TryParseName(target, out parsed, out error),
            _ => TryParseHostPort(target, out parsed, out error),
        };
    }

    private static bool TryParseUrl(string kind, string target, out ParsedTarget? parsed, out string? error)
    {
        parsed = null;
        string[] schemes = kind == CheckKinds.WebSocket ? ["ws", "wss"] : ["http", "https"];
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"target '{target}' is not an absolute URL";
            return false;
        }
        if (!schemes.Contains(uri.Scheme))
        {
            error = $"target '{target}' must be a {string.Join(" or ", schemes)} URL for kind {kind}";
            return false;
        }
        parsed = new ParsedTarget(uri.IdnHost.Trim('[', ']'), uri.Port, uri);
        error = null;
        return true;
    }

    /// <summary>A kind without a target takes none: a target given anyway is a misunderstanding worth saying so.</summary>
    private static bool TryParseNone(string kind, string? target, out ParsedTarget? parsed, out string? error)
    {
        parsed = null;
        if (!string.IsNullOrEmpty(target))
        {
            error = $"kind {kind} takes no target; the server issues its push URL";
            return false;
        }
        parsed = new ParsedTarget("", 0, null);
        error = null;
        return true;
    }

    private static bool TryParseName(string target, out ParsedTarget? parsed, out string? error)
    {
        parsed = null;
        var host = target.StartsWith('[') && target.EndsWith(']') ? target[1..^1] : target;
        if (!IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            error = $"target '{target}' is not a host name or address";
            return false;
        }
        parsed = new ParsedTarget(host, 0, null);
        error = null;
        return true;
    }

    private static bool TryParseHostPort(string target, out ParsedTarget? parsed, out string? error)
    {
        parsed = null;
        string host;
        string portText;
        if (target.StartsWith('['))
        {
            var close = target.IndexOf(']');
            if (close < 0 || close + 1 >= target.Length || target[close + 1] != ':')
            {
                error = $"target '{target}' must be [ipv6]:port";
                return false;
            }
            host = target[1..close];
            portText = target[(close + 2)..];
            if (!IPAddress.TryParse(host, out var a) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = $"target '{target}' has an invalid IPv6 address";
                return false;
            }
        }
        else
        {
            var colon = target.LastIndexOf(':');
            if (colon <= 0)
            {
                error = $"target '{target}' must be host:port";
                return false;
            }
            host = target[..colon];
            portText = target[(colon + 1)..];
            if (host.Contains(':'))
            {
                error = $"target '{target}': write an IPv6 address as [address]:port";
                return false;
            }
            if (!IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) != UriHostNameType.Dns)
            {
                error = $"target '{target}' has an invalid host '{host}'";
                return false;
            }
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"target '{target}' has an invalid port '{portText}' (1-65535)";
            return false;
        }
        parsed = new ParsedTarget(host, port, null);
        error = null;
        return true;
    }
}
