using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Linkwatch.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Linkwatch.Functional.Tests;

/// <summary>
/// The ingest filter against what the real agent really sends: one check of every kind, each aimed at a real
/// loopback target, must have its results stored and none refused.
/// </summary>
public sealed partial class EveryKindIngestTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_real_result_of_every_check_kind_passes_the_ingest_filter_and_is_stored()
    {
        using var temp = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var data = temp.Sub("agent");
        await AgentProcess.EnrollAsync(server.BaseUrl, "every-kind", data);
        var responder = FreePorts.Block(6);
        await using var agent = AgentProcess.RunWithResponder(data, responder);
        using var certificate = TestCertificates.Valid();
        var caFile = TestCertificates.WritePem(certificate, temp.Path);
        var (tlsApp, tlsAddress) = await LoopbackKestrel.StartAsync(app => app.MapGet("/", () => "tls ok"), certificate);
        await using var tls = tlsApp;
        await using var grpc = await StartGrpcHealthAsync();
        await using var dns = new UdpTestServer(AnswerA);
        using var api = server.CreateApiClient();

        var at = (int offset) => $"127.0.0.1:{responder + offset}";
        var checks = new (string Kind, object Body)[]
        {
            (CheckKinds.Tcp, new { kind = "tcp", target = at(0) }),
            (CheckKinds.Tls, new { kind = "tls", target = $"127.0.0.1:{tlsAddress.Port}", options = new { caFile } }),
            (CheckKinds.Http, new { kind = "http", target = new Uri(server.BaseUrl, "/healthz").ToString() }),
            ("http (https)", new { kind = "http", target = $"https://127.0.0.1:{tlsAddress.Port}/", options = new { insecure = true } }),
            (CheckKinds.WebSocket, new { kind = "websocket", target = $"ws://{at(5)}/", options = new { echo = true } }),
            (CheckKinds.Dns, new { kind = "dns", target = "probe.test", options = new { server = dns.Target, type = "A" } }),
            (CheckKinds.Udp, new { kind = "udp", target = at(2), options = new { payload = "linkwatch" } }),
            (CheckKinds.HalfClose, new { kind = "half-close", target = at(1) }),
            (CheckKinds.ClosePropagation, new { kind = "close-propagation", target = at(3) }),
            (CheckKinds.Resolve, new { kind = "resolve", target = "localhost" }),
            // Run as root (CI) it is a real ping; elsewhere the agent's "cannot send ICMP" error is still a real result.
            (CheckKinds.Icmp, new { kind = "icmp", target = "127.0.0.1" }),
            (CheckKinds.Grpc, new { kind = "grpc", target = grpc.Target, options = new { plaintext = true } }),
            (CheckKinds.Push, new { kind = "push" }),
        };
        Assert.Equal(CheckKinds.All.Order(StringComparer.Ordinal),
            checks.Select(c => c.Kind).Where(CheckKinds.IsKnown).Distinct().Order(StringComparer.Ordinal));

        var ids = new List<(string Kind, long Id)>();
        foreach (var (kind, body) in checks)
        {
            var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body))!.AsObject();
            json["name"] = $"every kind: {kind}";
            json["intervalSeconds"] = kind == CheckKinds.Push ? 3600 : 2;
            var id = await Api.CreateCheckAsync(api, json);
            ids.Add((kind, id));
            if (kind == CheckKinds.Push)
            {
                var pushUrl = (await Api.GetObjectAsync(api, $"/api/checks/{id}"))["pushUrl"]!.GetValue<string>();
                using var anonymous = new HttpClient { Timeout = TestTimeouts.Await };
                using var pushed = await anonymous.GetAsync(pushUrl + "?ping=1.5&msg=every%20kind");
                Assert.True(pushed.IsSuccessStatusCode, $"push: {(int)pushed.StatusCode}");
            }
        }

        var verdicts = new List<string>();
        foreach (var (kind, id) in ids)
        {
            JsonArray results;
            try
            {
                results = await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={id}"),
                    r => r.Count >= 1, Generous, $"a stored result of the {kind} check");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}; {RefusedLine().Match(await api.GetStringAsync("/metrics").OrTimeout()).Value}", e);
            }
            var newest = results[0]!;
            Assert.Equal(id, newest["checkId"]!.GetValue<long>());
            var line = $"{kind}: {newest["verdict"]?.GetValue<string>()} ({newest["status"]?.GetValue<string>()}) {newest["message"]?.ToString()}";
            verdicts.Add(line);
            output.WriteLine(line);
        }

        // Every check has had time for more runs by now; none of them (nor any earlier) may have been refused.
        var metrics = await api.GetStringAsync("/metrics").OrTimeout();
        var refused = RefusedLine().Match(metrics);
        Assert.True(refused.Success, "linkwatch_results_refused_total is missing from /metrics");
        Assert.True(long.Parse(refused.Groups[1].Value, CultureInfo.InvariantCulture) == 0,
            $"results refused by ingest: {refused.Value}\n{string.Join('\n', verdicts)}\nagent output:\n{agent.Output}");
        Assert.DoesNotContain(agent.Output.Split('\n'), l => l.Contains("The server rejected", StringComparison.Ordinal));
    }

    /// <summary>A one-answer DNS reply: the query's header and question, then A 127.0.0.1 for the asked name (any EDNS record dropped).</summary>
    internal static byte[]? AnswerA(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1)
            return null;
        var end = 12;
        while (end < query.Length && query[end] != 0)
            end += query[end] + 1;
        end += 5;
        if (end > query.Length)
            return null;
        var reply = new byte[end + 16];
        query.AsSpan(0, end).CopyTo(reply);
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), (ushort)(0x8180 | (query[2] & 0x01) << 8));
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(6), 1);
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(10), 0);
        byte[] answer = [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1];
        answer.CopyTo(reply, end);
        return reply;
    }

    /// <summary>The stock gRPC health service over plaintext HTTP/2 (h2c) on 127.0.0.1.</summary>
    private static async Task<GrpcTarget> StartGrpcHealthAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var health = new HealthServiceImpl();
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        builder.Services.AddSingleton(health);
        var app = builder.Build();
        app.MapGrpcService<HealthServiceImpl>();
        await app.StartAsync().OrTimeout();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new GrpcTarget(app, $"127.0.0.1:{address.Port}");
    }

    private sealed record GrpcTarget(WebApplication App, string Target) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync().OrTimeout();
            await App.DisposeAsync();
        }
    }

    [GeneratedRegex(@"^linkwatch_results_refused_total (\d+)$", RegexOptions.Multiline)]
    private static partial Regex RefusedLine();
}
