using System.Net;
using System.Text.Json;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Cli;

public class CheckCommandTests
{
    [Fact]
    public async Task Check_tcp_json_on_an_open_port_exits_0_and_prints_one_json_line()
    {
        var listener = Listeners.Start(IPAddress.Loopback);
        try
        {
            var target = $"127.0.0.1:{Listeners.PortOf(listener)}";
            var result = await AgentProcess.RunAsync("check", "tcp", target, "--json");

            Assert.Equal(0, result.ExitCode);
            var line = Assert.Single(result.StdOutLines);
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal("tcp", root.GetProperty("kind").GetString());
            Assert.Equal(target, root.GetProperty("target").GetString());
            Assert.Equal("up", root.GetProperty("status").GetString());
            Assert.Equal("ok", root.GetProperty("verdict").GetString());
            var attempt = Assert.Single(root.GetProperty("attempts").EnumerateArray().ToArray());
            Assert.Equal("ipv4", attempt.GetProperty("family").GetString());
            Assert.Equal("127.0.0.1", attempt.GetProperty("address").GetString());
            Assert.Equal("up", attempt.GetProperty("status").GetString());
            Assert.Equal("ok", attempt.GetProperty("verdict").GetString());
            Assert.True(attempt.GetProperty("phases").TryGetProperty("connect", out _));
            Assert.Equal(0, attempt.GetProperty("bytesSent").GetInt64());
            Assert.Equal(0, attempt.GetProperty("bytesReceived").GetInt64());
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Check_tcp_on_a_closed_port_exits_2_with_connect_refused()
    {
        var port = Listeners.ClosedPort(IPAddress.Loopback);
        var result = await AgentProcess.RunAsync("check", "tcp", $"127.0.0.1:{port}", "--json");
        Assert.Equal(2, result.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.Equal(Verdicts.ConnectRefused, json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(Statuses.Down, json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Check_without_json_prints_a_short_human_summary()
    {
        var port = Listeners.ClosedPort(IPAddress.Loopback);
        var result = await AgentProcess.RunAsync("check", "tcp", $"127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"DOWN tcp 127.0.0.1:{port}: connect_refused", result.StdOut);
    }

    [Fact]
    public async Task Check_http_status_mismatch_exits_2()
    {
        await using var server = new TinyHttpServer(503, "busy");
        var result = await AgentProcess.RunAsync("check", "http", $"http://127.0.0.1:{server.Port}/", "--json", "--timeout", "2.5");
        Assert.Equal(2, result.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.Equal(Verdicts.StatusMismatch, json.RootElement.GetProperty("verdict").GetString());
    }

    [Theory]
    [InlineData("check tcp 127.0.0.1", "target '127.0.0.1' must be host:port")]
    [InlineData("check tcp 127.0.0.1:80 --bogus", "unknown option '--bogus'")]
    [InlineData("check tcp 127.0.0.1:80 --timeout -1", "--timeout must be greater than 0 seconds, not -1")]
    [InlineData("check tcp 127.0.0.1:80 --timeout 0", "--timeout must be greater than 0 seconds, not 0")]
    [InlineData("check tcp 127.0.0.1:80 --timeout 1000", "--timeout must be at most 300 seconds, not 1000")]
    [InlineData("check tcp 127.0.0.1:80 --timeout soon", "--timeout: 'soon' is not a number of seconds")]
    [InlineData("check tcp 127.0.0.1:80 --timeout", "Required argument missing for option: '--timeout'.")]
    [InlineData("check tcp 127.0.0.1:80 --family ipv5", "unknown family 'ipv5'; use auto, ipv4, ipv6 or both")]
    [InlineData("check tcp 127.0.0.1:80 --expect-status 200", "--expect-status does not apply to kind tcp")]
    [InlineData("check http http://127.0.0.1/ --expect-status abc", "--expect-status 'abc' is not a status 100-599 or a range like 200-299")]
    [InlineData("check ping 127.0.0.1:80", "unknown kind 'ping'; known kinds: tcp, tls, http, websocket, dns, udp, half-close, close-propagation, resolve, icmp, grpc, push")]
    [InlineData("check tls 127.0.0.1:443 --expiry-warning-days 5000", "--expiry-warning-days must be between 0 and 3650, not 5000")]
    [InlineData("check tcp", "missing TARGET")]
    [InlineData("check push", "kind push runs on the server: the monitored job calls the check's push URL")]
    [InlineData("check tcp 127.0.0.1:80 --service web", "--service does not apply to kind tcp")]
    [InlineData("check grpc 127.0.0.1:50051 --plaintext --insecure", "--plaintext sends no TLS: sni, insecure and caFile do not apply with it")]
    [InlineData("check tcp 127.0.0.1:80 extra", "unexpected argument 'extra'")]
    public async Task Bad_input_exits_3_with_one_line_naming_the_problem(string commandLine, string message)
    {
        var result = await AgentProcess.RunAsync(commandLine.Split(' '));
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(message, Assert.Single(result.StdErrLines));
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task Check_grpc_json_exits_0_serving_2_not_serving_and_2_service_unknown()
    {
        await using var server = await GrpcHealthServer.StartAsync();

        var serving = await AgentProcess.RunAsync("check", "grpc", server.Target, "--plaintext", "--json");
        Assert.Equal(0, serving.ExitCode);
        using (var json = JsonDocument.Parse(Assert.Single(serving.StdOutLines)))
        {
            Assert.Equal("grpc", json.RootElement.GetProperty("kind").GetString());
            Assert.Equal(Verdicts.Ok, json.RootElement.GetProperty("verdict").GetString());
            var attempt = Assert.Single(json.RootElement.GetProperty("attempts").EnumerateArray().ToArray());
            Assert.True(attempt.GetProperty("phases").TryGetProperty("first_byte", out _));
        }

        var notServing = await AgentProcess.RunAsync("check", "grpc", server.Target, "--plaintext", "--service", GrpcHealthServer.NotServing, "--json");
        Assert.Equal(2, notServing.ExitCode);
        using (var json = JsonDocument.Parse(Assert.Single(notServing.StdOutLines)))
            Assert.Equal(Verdicts.NotServing, json.RootElement.GetProperty("verdict").GetString());

        var unknown = await AgentProcess.RunAsync("check", "grpc", server.Target, "--plaintext", "--service", "no.such.Service", "--json");
        Assert.Equal(2, unknown.ExitCode);
        using (var json = JsonDocument.Parse(Assert.Single(unknown.StdOutLines)))
            Assert.Equal(Verdicts.ServiceUnknown, json.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Check_grpc_over_tls_with_a_ca_file_exits_0()
    {
        using var certificate = TestCertificates.Valid();
        await using var server = await GrpcHealthServer.StartAsync(certificate);
        using var directory = new TempDirectory();
        var pem = TestCertificates.WritePem(certificate, directory.Path);
        var result = await AgentProcess.RunAsync("check", "grpc", $"localhost:{server.Port}", "--family", "ipv4", "--ca-file", pem,
            "--service", GrpcHealthServer.Serving, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.True(Assert.Single(json.RootElement.GetProperty("attempts").EnumerateArray().ToArray()).GetProperty("phases").TryGetProperty("tls", out _));
    }

    [Fact]
    public async Task Every_documented_flag_is_accepted_by_the_parser()
    {
        // The parser accepts every flag; the kind then rejects the first one that does not apply to it.
        var result = await AgentProcess.RunAsync("check", "dns", "example.test", "--family", "auto", "--timeout", "1.5",
            "--insecure", "--ca-file", "/x.pem", "--sni", "a.test", "--expect-status", "200", "--expect-body", "x",
            "--compare-http", "--payload", "p", "--expect", "e", "--payload-bytes", "10", "--server", "127.0.0.1:53",
            "--type", "AAAA", "--tcp", "--deadline", "2.5", "--count", "3", "--json");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("--ca-file does not apply to kind dns", Assert.Single(result.StdErrLines));
    }

    [Fact]
    public async Task Check_half_close_against_the_responder_exits_0()
    {
        var loggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var responder = new Responder.ResponderService(Responder.ResponderOptions.Ephemeral(IPAddress.Loopback), loggerFactory);
        await responder.StartAsync(CancellationToken.None).OrTimeout();
        try
        {
            var port = await responder.HalfClosePort.OrTimeout();
            var result = await AgentProcess.RunAsync("check", "half-close", $"127.0.0.1:{port}", "--json", "--payload-bytes", "200000");
            Assert.Equal(0, result.ExitCode);
            using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
            Assert.Equal(Verdicts.Ok, json.RootElement.GetProperty("verdict").GetString());
            var attempt = json.RootElement.GetProperty("attempts")[0];
            Assert.Equal(200000, attempt.GetProperty("bytesSent").GetInt64());
            Assert.Equal(200000, attempt.GetProperty("bytesReceived").GetInt64());
        }
        finally
        {
            await responder.StopAsync(CancellationToken.None).OrTimeout();
        }
    }

    [Fact]
    public async Task Check_udp_on_a_closed_port_exits_2_with_port_unreachable()
    {
        var result = await AgentProcess.RunAsync("check", "udp", $"127.0.0.1:{UdpTestServer.ClosedPort()}", "--json");
        Assert.Equal(2, result.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.Equal(Verdicts.PortUnreachable, json.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Check_resolve_keeps_its_memory_in_the_data_dir()
    {
        var directory = Directory.CreateTempSubdirectory("linkwatch-cli-").FullName;
        try
        {
            var result = await AgentProcess.RunAsync("check", "resolve", "localhost", "--json", "--data-dir", directory);
            Assert.Equal(0, result.ExitCode);
            Assert.True(File.Exists(Path.Combine(directory, Probes.ResolveProbe.StateFileName)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Check_websocket_compare_http_json_exits_2_with_divergence_and_0_when_both_work()
    {
        await using (var broken = await WebSocketTestServer.StartAsync(WebSocketBehavior.NotFound))
        {
            var result = await AgentProcess.RunAsync("check", "websocket", $"ws://127.0.0.1:{broken.Port}/ws", "--compare-http", "--json");
            Assert.Equal(2, result.ExitCode);
            using var json = JsonDocument.Parse(Assert.Single(result.StdOutLines));
            Assert.Equal(Verdicts.HttpWsDivergence, json.RootElement.GetProperty("verdict").GetString());
        }
        await using var working = await WebSocketTestServer.StartAsync(WebSocketBehavior.Echo);
        var ok = await AgentProcess.RunAsync("check", "websocket", $"ws://127.0.0.1:{working.Port}/ws", "--compare-http", "--echo", "--json");
        Assert.Equal(0, ok.ExitCode);
        using var okJson = JsonDocument.Parse(Assert.Single(ok.StdOutLines));
        Assert.Equal(Verdicts.Ok, okJson.RootElement.GetProperty("verdict").GetString());
    }
}
