using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Linkwatch.Shared.Kinds.Http;

/// <summary>Options of the <c>http</c> kind: the request, what the response must be, and certificate handling.</summary>
public sealed record HttpOptions
{
    /// <summary>The kind's descriptor. Mesh checks target the responder's HTTP health port.</summary>
    public static CheckKind<HttpOptions> Descriptor { get; } = new(CheckKinds.Http, TargetForm.Url, Read) { MeshPortOf = ports => ports.Http };

    /// <summary>A browser follows this many; a site that needs more is broken for people too.</summary>
    public const int MaxRedirects = 10;
    /// <summary>Enough headers for any API gateway's demands.</summary>
    public const int MaxHeaders = 32;
    /// <summary>A probe's request body is a small login or query document, not an upload.</summary>
    public const int MaxBodyBytes = 64 * 1024;
    /// <summary>Enough conditions to describe a health document; each runs on every result.</summary>
    public const int MaxJsonConditions = 32;
    /// <summary>How long one regex match may take on a body: a bad pattern must not stall the agent.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    // Headers the handler owns: framing and connection management, and the target (sni sets Host).
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "TE", "Trailer", "Keep-Alive", "Proxy-Connection",
    };

    /// <summary>GET unless given; always upper case.</summary>
    public string Method { get; init; } = "GET";
    /// <summary>Extra request headers, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    /// <summary>The request body (UTF-8), sent with the Content-Type header when one is given.</summary>
    public string? Body { get; init; }
    /// <summary><c>USER:PASS</c> for HTTP basic authentication. Secret.</summary>
    public string? BasicAuth { get; init; }
    /// <summary>A bearer token for the Authorization header. Secret.</summary>
    public string? Bearer { get; init; }
    /// <summary>Follow up to <see cref="MaxRedirects"/> redirects (default); false judges the first response.</summary>
    public bool FollowRedirects { get; init; } = true;
    /// <summary>The statuses that count as ok; null means any 200-399 (a redirect is a working site).</summary>
    public StatusRanges? ExpectStatus { get; init; }
    /// <summary>Text the body must contain (ordinal, UTF-8).</summary>
    public string? ExpectBody { get; init; }
    /// <summary>A .NET regular expression the body must match, with a <see cref="RegexTimeout"/> match timeout.</summary>
    public Regex? ExpectBodyRegex { get; init; }
    /// <summary>Text the body must not contain (an error page served with 200).</summary>
    public string? RejectBody { get; init; }
    /// <summary>Conditions on the body as JSON; all must hold.</summary>
    public IReadOnlyList<JsonCondition> ExpectJson { get; init; } = [];
    /// <summary>Accept any certificate: for self-signed hosts whose reachability, not identity, is watched. Expiry is still reported.</summary>
    public bool Insecure { get; init; }
    /// <summary>PEM file of CA certificates trusted in addition to the system's.</summary>
    public string? CaFile { get; init; }
    /// <summary>Server name for TLS and the Host header, when the URL holds an address.</summary>
    public string? Sni { get; init; }
    /// <summary>Days before a certificate's end that count as <c>cert_expiring</c> (https).</summary>
    public int ExpiryWarningDays { get; init; } = CertificateExpiry.DefaultWarningDays;
    /// <summary>An HTTP CONNECT proxy to go through; null goes direct.</summary>
    public Uri? Proxy { get; init; }

    public bool IsOkStatus(int status) => ExpectStatus is { } expected ? expected.Contains(status) : status is >= 200 and <= 399;

    /// <summary>What <see cref="IsOkStatus"/> accepts, for a message.</summary>
    public string ExpectedStatusText => ExpectStatus?.Text ?? "200-399";

    public static HttpOptions Read(CheckOptionReader reader)
    {
        var options = new HttpOptions
        {
            Method = ReadMethod(reader),
            Headers = ReadHeaders(reader),
            Body = ReadBody(reader),
            BasicAuth = reader.GetSecret("basicAuth"),
            Bearer = reader.GetSecret("bearer"),
            FollowRedirects = reader.GetBool("followRedirects", true),
            ExpectStatus = reader.GetStatusList("expectStatus"),
            ExpectBody = reader.GetNonEmptyString("expectBody"),
            ExpectBodyRegex = ReadRegex(reader),
            RejectBody = reader.GetNonEmptyString("rejectBody"),
            ExpectJson = ReadConditions(reader),
            Insecure = reader.GetBool("insecure", false),
            CaFile = reader.GetExistingFile("caFile"),
            Sni = reader.GetHostName("sni"),
            ExpiryWarningDays = CertificateExpiry.Read(reader),
            Proxy = ProxyOption.Read(reader),
        };
        if (options.BasicAuth is { } basic && !basic.Contains(':', StringComparison.Ordinal))
            reader.AddError("basicAuth", "basicAuth must be USER:PASS");
        if (options.BasicAuth is not null && options.Bearer is not null)
            reader.AddError("bearer", "bearer and basicAuth cannot both be given (both set the Authorization header)");
        if ((options.BasicAuth is not null || options.Bearer is not null)
            && options.Headers.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            reader.AddError("headers", "headers must not set Authorization when basicAuth or bearer is given");
        return options;
    }

    private static string ReadMethod(CheckOptionReader reader)
    {
        var method = reader.GetNonEmptyString("method");
        if (method is null)
            return "GET";
        if (method.Length > 16 || !method.All(IsTokenChar))
        {
            reader.AddError("method", $"method '{method}' is not an HTTP method");
            return "GET";
        }
        method = method.ToUpperInvariant();
        // CONNECT would open a tunnel, not ask the server anything.
        if (method == "CONNECT")
            reader.AddError("method", "method CONNECT is not a request a check can judge");
        return method;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadHeaders(CheckOptionReader reader)
    {
        var headers = reader.GetStringMap("headers", MaxHeaders);
        if (headers is null)
            return [];
        foreach (var (name, value) in headers)
        {
            var field = $"headers.{name}";
            if (name.Length == 0 || name.Length > 256 || !name.All(IsTokenChar))
                reader.AddError(field, $"{field}: '{name}' is not a header name");
            else if (ReservedHeaders.Contains(name))
                reader.AddError(field, $"{field}: the {name} header is set by the agent (use sni for Host)");
            else if (value.Length > CheckOptionReader.MaxTextLength || value.Any(c => c is '\r' or '\n' or '\0'))
                reader.AddError(field, string.Create(CultureInfo.InvariantCulture,
                    $"{field} must be one line of at most {CheckOptionReader.MaxTextLength} characters"));
        }
        return headers;
    }

    private static string? ReadBody(CheckOptionReader reader)
    {
        var body = reader.GetString("body");
        if (body is not null && Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            reader.AddError("body", string.Create(CultureInfo.InvariantCulture, $"body must be at most {MaxBodyBytes} bytes"));
            return null;
        }
        return body;
    }

    private static Regex? ReadRegex(CheckOptionReader reader)
    {
        var pattern = reader.GetNonEmptyString("expectBodyRegex");
        if (pattern is null)
            return null;
        if (pattern.Length > CheckOptionReader.MaxTextLength)
        {
            reader.AddError("expectBodyRegex", string.Create(CultureInfo.InvariantCulture,
                $"expectBodyRegex must be at most {CheckOptionReader.MaxTextLength} characters"));
            return null;
        }
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            reader.AddError("expectBodyRegex", $"expectBodyRegex is not a valid regular expression: {e.Message}");
            return null;
        }
    }

    private static IReadOnlyList<JsonCondition> ReadConditions(CheckOptionReader reader)
    {
        var texts = reader.GetStringList("expectJson", MaxJsonConditions);
        if (texts is null)
            return [];
        var conditions = new List<JsonCondition>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (JsonCondition.TryParse(texts[i], out var condition, out var error))
                conditions.Add(condition!);
            else
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"expectJson[{i}]");
                reader.AddError(field, $"{field} {error}");
            }
        }
        return conditions;
    }

    // RFC 9110 token characters: what a method and a header name are made of.
    private static bool IsTokenChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
        or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
