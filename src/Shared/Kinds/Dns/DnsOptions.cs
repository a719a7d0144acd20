using System.Globalization;
using System.Net;

namespace Linkwatch.Shared.Kinds.Dns;

/// <summary>Options of the <c>dns</c> kind.</summary>
public sealed record DnsOptions
{
    /// <summary>The kind's descriptor. The server asked decides the family, so the check takes none.</summary>
    public static CheckKind<DnsOptions> Descriptor { get; } = new(CheckKinds.Dns, TargetForm.Name, Read) { TakesFamily = false };

    public const int DefaultPort = 53;

    /// <summary>The server to ask; null means the first nameserver of /etc/resolv.conf at run time.</summary>
    public IPEndPoint? Server { get; init; }
    public DnsRecordType Type { get; init; } = DnsRecordType.A;
    /// <summary>A value one answer must equal (names compare without case or final dot).</summary>
    public string? Expect { get; init; }
    /// <summary>Ask over TCP only, skipping UDP.</summary>
    public bool Tcp { get; init; }

    public static DnsOptions Read(CheckOptionReader reader)
    {
        var options = new DnsOptions
        {
            Expect = reader.GetNonEmptyString("expect"),
            Tcp = reader.GetBool("tcp", false),
        };
        if (reader.GetNonEmptyString("type") is { } typeText)
        {
            if (Enum.TryParse<DnsRecordType>(typeText, ignoreCase: true, out var type) && Enum.IsDefined(type)
                && !typeText.All(char.IsAsciiDigit))
                options = options with { Type = type };
            else
                reader.AddError("type", $"type '{typeText}' is not one of {string.Join(", ", Enum.GetNames<DnsRecordType>())}");
        }
        if (reader.GetNonEmptyString("server") is { } serverText)
        {
            if (TryParseServer(serverText, out var server))
                options = options with { Server = server };
            else
                reader.AddError("server", $"server '{serverText}' must be ADDR, ADDR:PORT or [IPv6]:PORT");
        }
        return options;
    }

    private static bool TryParseServer(string text, out IPEndPoint? server)
    {
        server = null;
        if (!text.StartsWith('[') && IPAddress.TryParse(text, out var bare))
        {
            server = new IPEndPoint(bare, DefaultPort);
            return true;
        }
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : text;
        var portText = colon > 0 ? text[(colon + 1)..] : "";
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        else if (host.Contains(':', StringComparison.Ordinal))
            return false;
        if (!IPAddress.TryParse(host, out var address)
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return false;
        server = new IPEndPoint(address, port);
        return true;
    }
}
