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
        new("--expect-status", "expectStatus", CheckFlagType.Text, "the HTTP statuses that count as ok, like 200 or 200-299,301 (http)"),
        new("--expect-body", "expectBody", CheckFlagType.Text, "text the HTTP body must contain (http)"),
        new("--method", "method", CheckFlagType.Text, "HTTP method, default GET (http)"),
        new("--header", "headers", CheckFlagType.Headers, "request header 'Name: value', repeatable (http)"),
        new("--body", "body", CheckFlagType.Text, "request body (http)"),
        new("--basic-auth", "basicAuth", CheckFlagType.Text, "USER:PASS for basic authentication (http)"),
        new("--bearer", "bearer", CheckFlagType.Text, "bearer token for the Authorization header (http)"),
        new("--no-follow", "followRedirects", CheckFlagType.Off, "do not follow redirects: judge the first response (http)"),
        new("--expect-body-regex", "expectBodyRegex", CheckFlagType.Text, ".NET regular expression the body must match (http)"),
        new("--reject-body", "rejectBody", CheckFlagType.Text, "text the body must not contain (http)"),
        new("--expect-json", "expectJson", CheckFlagType.List, "JSON condition 'PATH OP VALUE', repeatable (http)"),
        new("--max-latency", "maxLatencyMs", CheckFlagType.Integer, "milliseconds over which a working check is too_slow (connection kinds)"),
        new("--proxy", "proxy", CheckFlagType.Text, "HTTP CONNECT proxy URL (http, websocket)"),
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
        new("--expiry-warning-days", "expiryWarningDays", CheckFlagType.Integer, "days before expiry that count as cert_expiring, default 14 (tls, https, wss)"),
        new("--echo", "echo", CheckFlagType.Switch, "send a message and expect it back (websocket)"),
    ];

    /// <summary><c>expectStatus</c> to <c>--expect-status</c>, for errors that name an option.</summary>
    public static string FlagOf(string optionName)
    {
        // An item of a list or object option: expectJson[1] is --expect-json[1], headers.X-Api is --header X-Api.
        var item = optionName.IndexOfAny(['[', '.']);
        if (item > 0)
            return FlagOf(optionName[..item]) + (optionName[item] == '.' ? " " + optionName[(item + 1)..] : optionName[item..]);
        var flag = All.FirstOrDefault(f => f.OptionName == optionName);
        if (flag is not null)
            return flag.Flag;
        var kebab = string.Concat(optionName.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
        return "--" + kebab;
    }
}
