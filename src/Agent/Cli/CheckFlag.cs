namespace Linkwatch.Agent.Cli;

/// <summary>A kind option as the CLI spells it (<c>--expect-status</c>) and as the API names it (<c>expectStatus</c>).</summary>
internal sealed record CheckFlag(string Flag, string OptionName, CheckFlagType Type, string Description)
{
    /// <summary>The options of docs/checks.md's table that go to the probe (family and timeout are the runner's).</summary>
    public static readonly IReadOnlyList<CheckFlag> All =
    [
        new("--insecure", "insecure", CheckFlagType.Switch, "accept any TLS certificate (tls, https, wss, grpc)"),
        new("--ca-file", "caFile", CheckFlagType.Text, "PEM file of extra trusted CAs (tls, https, wss, grpc)"),
        new("--sni", "sni", CheckFlagType.Text, "TLS server name (tls, https, wss, grpc)"),
        new("--expect-status", "expectStatus", CheckFlagType.Integer, "the HTTP status that counts as ok (http)"),
        new("--expect-body", "expectBody", CheckFlagType.Text, "text the HTTP body must contain (http)"),
        new("--compare-http", "compareHttp", CheckFlagType.Switch, "also request the same origin over HTTP (websocket)"),
        new("--payload", "payload", CheckFlagType.Text, "literal payload (udp, half-close, close-propagation)"),
        new("--expect", "expect", CheckFlagType.Text, "expected reply text, or the expected DNS answer"),
        new("--payload-bytes", "payloadBytes", CheckFlagType.Integer, "random payload size (half-close)"),
        new("--server", "server", CheckFlagType.Text, "resolver ADDR[:PORT] (dns)"),
        new("--type", "type", CheckFlagType.Text, "record type, default A (dns)"),
        new("--tcp", "tcp", CheckFlagType.Switch, "query over TCP (dns)"),
        new("--deadline", "deadline", CheckFlagType.Seconds, "seconds the peer's close may take (close-propagation)"),
        new("--count", "count", CheckFlagType.Integer, "echo requests (icmp)"),
        new("--service", "service", CheckFlagType.Text, "health service name, default the whole server (grpc)"),
        new("--plaintext", "plaintext", CheckFlagType.Switch, "HTTP/2 without TLS (grpc)"),
        // Options the kinds document with their defaults, beyond the common flags.
        new("--expiry-warning-days", "expiryWarningDays", CheckFlagType.Integer, "days before expiry that count as cert_expiring, default 14 (tls)"),
        new("--echo", "echo", CheckFlagType.Switch, "send a message and expect it back (websocket)"),
    ];

    /// <summary><c>expectStatus</c> to <c>--expect-status</c>, for errors that name an option.</summary>
    public static string FlagOf(string optionName)
    {
        var flag = All.FirstOrDefault(f => f.OptionName == optionName);
        if (flag is not null)
            return flag.Flag;
        var kebab = string.Concat(optionName.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
        return "--" + kebab;
    }
}
