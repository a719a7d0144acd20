using System.Text.Json;
using Linkwatch.Agent.Cli;
using Linkwatch.Agent.Probes;
using Linkwatch.Shared;
using Linkwatch.Shared.Kinds;
using Linkwatch.Shared.Kinds.Http;

namespace Linkwatch.Agent.Tests.Unit;

public class CheckValidationTests
{
    private static readonly CheckRunner Runner = new();

    private static CheckRequest Request(string kind = "tcp", string target = "127.0.0.1:80", string family = "auto",
        double timeoutSeconds = 5, string? optionsJson = null) =>
        new(kind, target, family, TimeSpan.FromSeconds(timeoutSeconds),
            optionsJson is null
                ? new Dictionary<string, JsonElement>()
                : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(optionsJson)!);

    private static ValidationError Single(CheckRequest request)
    {
        var errors = Runner.Validate(request);
        return Assert.Single(errors);
    }

    [Theory]
    [InlineData("tcp", "127.0.0.1:80")]
    [InlineData("tcp", "[::1]:443")]
    [InlineData("tcp", "host.local:22")]
    [InlineData("http", "https://example.test/health")]
    [InlineData("websocket", "wss://example.test/socket")]
    public void Valid_checks_have_no_errors(string kind, string target) =>
        Assert.Empty(Runner.Validate(Request(kind, target)));

    [Fact]
    public void Unknown_kind_is_named() =>
        Assert.StartsWith("unknown kind 'ping'", Single(Request(kind: "ping")).Message);

    [Fact]
    public void Dns_type_and_server_are_validated()
    {
        Assert.Equal("type 'BOGUS' is not one of A, NS, CNAME, SOA, PTR, MX, TXT, AAAA",
            Single(Request("dns", "example.test", optionsJson: """{"type":"BOGUS"}""")).Message);
        Assert.Equal("server 'x:53' must be ADDR, ADDR:PORT or [IPv6]:PORT",
            Single(Request("dns", "example.test", optionsJson: """{"server":"x:53"}""")).Message);
        Assert.Empty(Runner.Validate(Request("dns", "example.test", optionsJson: """{"server":"[::1]:5353","type":"aaaa"}""")));
        Assert.Empty(Runner.Validate(Request("dns", "example.test", optionsJson: """{"server":"::1"}""")));
    }

    [Theory]
    [InlineData("tcp", "127.0.0.1", "must be host:port")]
    [InlineData("tcp", "127.0.0.1:0", "invalid port")]
    [InlineData("tcp", "127.0.0.1:99999", "invalid port")]
    [InlineData("tcp", "::1:80", "[address]:port")]
    [InlineData("http", "ftp://x/", "must be a http or https URL")]
    [InlineData("http", "not a url", "whitespace")]
    public void Malformed_target_is_rejected_with_the_reason(string kind, string target, string reason)
    {
        var error = Single(Request(kind, target));
        Assert.Equal("target", error.Field);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(301)]
    public void Timeout_out_of_range_is_rejected(double seconds) =>
        Assert.Equal("timeout", Single(Request(timeoutSeconds: seconds)).Field);

    [Fact]
    public void Unknown_family_is_rejected() =>
        Assert.Equal("unknown family 'ipv5'; use auto, ipv4, ipv6 or both", Single(Request(family: "ipv5")).Message);

    [Fact]
    public void An_option_of_another_kind_is_rejected_not_ignored() =>
        Assert.Equal("expectStatus does not apply to kind tcp", Single(Request(optionsJson: """{"expectStatus":200}""")).Message);

    [Fact]
    public void A_misspelled_option_is_rejected_not_ignored() =>
        Assert.Equal("expectStatu does not apply to kind http",
            Single(Request("http", "http://h/", optionsJson: """{"expectStatu":200}""")).Message);

    [Theory]
    [InlineData("""{"expectStatus":99}""", "expectStatus '99' is not a status 100-599 or a range like 200-299")]
    [InlineData("""{"expectStatus":"200-299,abc"}""", "expectStatus 'abc' is not a status 100-599 or a range like 200-299")]
    [InlineData("""{"expectStatus":"299-200"}""", "expectStatus range '299-200' ends before it starts")]
    [InlineData("""{"expectStatus":true}""", "expectStatus must be a status (200) or a list like \"200-299,301\"")]
    [InlineData("""{"method":"GE T"}""", "method 'GE T' is not an HTTP method")]
    [InlineData("""{"headers":{"X-A":1}}""", "headers.X-A must be a string")]
    [InlineData("""{"headers":{"Bad Name":"v"}}""", "headers.Bad Name: 'Bad Name' is not a header name")]
    [InlineData("""{"headers":{"Host":"v"}}""", "headers.Host: the Host header is set by the agent (use sni for Host)")]
    [InlineData("""{"headers":["X-A: 1"]}""", "headers must be an object of names to strings")]
    [InlineData("""{"basicAuth":"nocolon"}""", "basicAuth must be USER:PASS")]
    [InlineData("""{"bearer":""}""", "bearer must not be empty")]
    [InlineData("""{"basicAuth":"a:b","bearer":"t"}""", "bearer and basicAuth cannot both be given (both set the Authorization header)")]
    [InlineData("""{"bearer":"t","headers":{"Authorization":"x"}}""", "headers must not set Authorization when basicAuth or bearer is given")]
    [InlineData("""{"followRedirects":"no"}""", "followRedirects must be true or false")]
    [InlineData("""{"expectBodyRegex":"(unclosed"}""", "expectBodyRegex is not a valid regular expression: Invalid pattern '(unclosed' at offset 9. Not enough )'s.")]
    [InlineData("""{"expectJson":"status == up"}""", "expectJson must be an array of strings")]
    [InlineData("""{"expectJson":["status == up","status"]}""", "expectJson[1] has no operator: write PATH OP VALUE with OP one of ==, !=, <=, >=, <, >, contains (spaces around it)")]
    [InlineData("""{"expectJson":["a.b < high"]}""", "expectJson[0] '<' needs a number, not 'high'")]
    [InlineData("""{"expectJson":["a..b == 1"]}""", "expectJson[0] path 'a..b' has an empty name")]
    [InlineData("""{"expectJson":["a[x] == 1"]}""", "expectJson[0] path 'a[x]' has an index that is not [N]")]
    [InlineData("""{"expectJson":[1]}""", "expectJson[0] must be a string")]
    [InlineData("""{"maxLatencyMs":0}""", "maxLatencyMs must be between 1 and 300000, not 0")]
    [InlineData("""{"proxy":"socks5://127.0.0.1:1080"}""", "proxy must be an HTTP proxy URL like http://proxy.example:3128, not 'socks5://127.0.0.1:1080'")]
    [InlineData("""{"proxy":"http://user:pw@proxy:3128"}""", "proxy must not hold credentials")]
    [InlineData("""{"expiryWarningDays":-1}""", "expiryWarningDays must be between 0 and 3650, not -1")]
    [InlineData("""{"expectBody":""}""", "expectBody must not be empty")]
    [InlineData("""{"insecure":"yes"}""", "insecure must be true or false")]
    [InlineData("""{"caFile":"/nonexistent/ca.pem"}""", "caFile '/nonexistent/ca.pem' does not exist")]
    [InlineData("""{"sni":"bad name"}""", "sni 'bad name' is not a host name")]
    public void Invalid_http_options_are_rejected_naming_the_option(string optionsJson, string message) =>
        Assert.Equal(message, Single(Request("http", "https://h/", optionsJson: optionsJson)).Message);

    [Fact]
    public void Http_defaults_accept_2xx_and_3xx_only()
    {
        var options = new HttpOptions();
        Assert.True(options.IsOkStatus(200));
        Assert.True(options.IsOkStatus(301));
        Assert.False(options.IsOkStatus(404));
        Assert.False(options.IsOkStatus(500));
        Assert.True(StatusRanges.TryParse("201", out var only, out _));
        Assert.False((options with { ExpectStatus = only }).IsOkStatus(200));
    }

    [Fact]
    public void Cli_errors_name_options_as_flags() =>
        Assert.Equal("--expect-status must be between 100 and 599, not 99",
            CheckCommand.FormatError(new ValidationError("expectStatus", "expectStatus must be between 100 and 599, not 99")));

    [Fact]
    public async Task Running_an_invalid_check_returns_an_error_outcome_instead_of_throwing()
    {
        var outcome = await Runner.RunAsync(Request(target: "nonsense"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.Equal(Verdicts.Error, outcome.Verdict);
        Assert.Contains("host:port", outcome.Message);
    }

    [Fact]
    public void WebSocket_payload_without_a_round_trip_is_an_error() =>
        Assert.Equal("payload needs echo or expect (the probe only sends a message for a round trip)",
            Single(Request("websocket", "ws://127.0.0.1:7655/", optionsJson: """{"payload":"x"}""")).Message);
}
