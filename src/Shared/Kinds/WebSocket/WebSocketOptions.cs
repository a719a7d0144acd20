using System.Text;

namespace Linkwatch.Shared.Kinds.WebSocket;

/// <summary>Options of the <c>websocket</c> kind.</summary>
public sealed record WebSocketOptions
{
    /// <summary>The kind's descriptor. Mesh checks target the responder's WebSocket echo.</summary>
    public static CheckKind<WebSocketOptions> Descriptor { get; } = new(CheckKinds.WebSocket, TargetForm.Url, Read) { MeshPortOf = ports => ports.WebSocketEcho };

    /// <summary>Recognisable in a server's logs and a packet capture; the responder echoes it back.</summary>
    public const string DefaultPayload = "linkwatch-ping";
    /// <summary>The responder's echo limit (docs/responder.md); a probe message has no reason to be larger.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Send <see cref="Payload"/> after the upgrade and expect it back.</summary>
    public bool Echo { get; init; }
    public string Payload { get; init; } = DefaultPayload;
    /// <summary>Text the reply must contain; defaults to the payload when <see cref="Echo"/> is set.</summary>
    public string? Expect { get; init; }
    /// <summary>Accept any certificate (wss).</summary>
    public bool Insecure { get; init; }
    /// <summary>PEM file of CA certificates trusted in addition to the system's (wss).</summary>
    public string? CaFile { get; init; }
    /// <summary>Server name for TLS and the Host header, when the URL holds an address.</summary>
    public string? Sni { get; init; }
    /// <summary>Also GET the same origin over plain HTTP(S) and report <c>http_ws_divergence</c> when only one works.</summary>
    public bool CompareHttp { get; init; }
    /// <summary>Days before a certificate's end that count as <c>cert_expiring</c> (wss).</summary>
    public int ExpiryWarningDays { get; init; } = CertificateExpiry.DefaultWarningDays;
    /// <summary>An HTTP CONNECT proxy the upgrade (and the comparison's GET) goes through; null goes direct.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Whether the probe sends a message after the upgrade and waits for a reply.</summary>
    public bool RoundTrip => Echo || Expect is not null;

    /// <summary>What the reply must contain, when there is a round trip.</summary>
    public string? ExpectedReply => Expect ?? (Echo ? Payload : null);

    public static WebSocketOptions Read(CheckOptionReader reader)
    {
        var payload = reader.GetNonEmptyString("payload");
        var options = new WebSocketOptions
        {
            Echo = reader.GetBool("echo", false),
            Payload = payload ?? DefaultPayload,
            Expect = reader.GetNonEmptyString("expect"),
            Insecure = reader.GetBool("insecure", false),
            CaFile = reader.GetExistingFile("caFile"),
            Sni = reader.GetHostName("sni"),
            CompareHttp = reader.GetBool("compareHttp", false),
            ExpiryWarningDays = CertificateExpiry.Read(reader),
            Proxy = ProxyOption.Read(reader),
        };
        // A payload that is never sent would be a silently ignored option.
        if (payload is not null && !options.RoundTrip)
            reader.AddError("payload", "payload needs echo or expect (the probe only sends a message for a round trip)");
        if (Encoding.UTF8.GetByteCount(options.Payload) > MaxPayloadBytes)
            reader.AddError("payload", $"payload must be at most {MaxPayloadBytes} bytes");
        return options;
    }
}
