using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Linkwatch.Functional.Tests;

/// <summary>
/// An Uptime Kuma backup and a Gatus config, written as those projects document them and aimed at real loopback
/// targets, imported through the API, previewed and applied: the checks they become run on the server's embedded
/// agent and come up, a push check takes pushes, and the alert rule on a closed port notifies both channels.
/// </summary>
public sealed class ImportRunsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_uptime_kuma_backup_imports_into_checks_and_rules_that_run()
    {
        await using var lab = await Lab.StartAsync();
        var backup = new JsonObject
        {
            ["version"] = "1.23.16",
            ["notificationList"] = new JsonArray(
                Notification(1, "ops hook", new JsonObject { ["type"] = "webhook", ["webhookURL"] = lab.Hook.Url, ["webhookContentType"] = "json" }),
                Notification(2, "phones", new JsonObject { ["type"] = "ntfy", ["ntfyserverurl"] = lab.Ntfy.Url.Replace("/hook", ""), ["ntfytopic"] = "linkwatch", ["ntfyPriority"] = 5 })),
            ["monitorList"] = new JsonArray(
                Monitor(1, "site", "http", new JsonObject { ["url"] = lab.Http, ["method"] = "GET", ["accepted_statuscodes"] = new JsonArray("200-299") }),
                Monitor(2, "site keyword", "keyword", new JsonObject { ["url"] = lab.Http, ["method"] = "GET", ["keyword"] = "UP", ["invertKeyword"] = false }),
                Monitor(3, "database port", "port", new JsonObject { ["hostname"] = "127.0.0.1", ["port"] = lab.Tcp.Port }),
                Monitor(4, "resolver", "dns", new JsonObject
                {
                    ["hostname"] = "probe.test", ["dns_resolve_server"] = "127.0.0.1", ["dns_resolve_port"] = lab.Dns.Port, ["dns_resolve_type"] = "A",
                }),
                Monitor(5, "nightly backup", "push", new JsonObject { ["pushToken"] = "kumaPushToken123", ["interval"] = 3600 }),
                Monitor(6, "closed port", "port", new JsonObject
                {
                    ["hostname"] = "127.0.0.1", ["port"] = lab.ClosedPort, ["maxretries"] = 1,
                    ["notificationIDList"] = new JsonObject { ["1"] = true, ["2"] = true },
                })),
        };

        var yaml = await lab.ImportAsync("uptime-kuma", backup.ToJsonString());
        await lab.PreviewAndApplyAsync(yaml, checks: 6, rules: 1, channels: 2);

        await lab.ComesUpAsync("site", "site keyword", "database port", "resolver");
        await lab.TakesAPushAsync("nightly backup");
        await lab.NotifiesBothAsync("closed port");
    }

    [Fact]
    public async Task A_gatus_config_imports_into_checks_and_rules_that_run()
    {
        await using var lab = await Lab.StartAsync();
        var config = $$"""
            alerting:
              custom:
                url: "{{lab.Hook.Url}}"
                method: POST
                body: '{"text": "[ENDPOINT_NAME] [ALERT_DESCRIPTION]"}'
              ntfy:
                url: "{{lab.Ntfy.Url.Replace("/hook", "")}}"
                topic: linkwatch
                priority: 4
            endpoints:
              - name: site
                group: web
                url: "{{lab.Http}}"
                interval: 2s
                conditions:
                  - "[STATUS] == 200"
                  - "[BODY] == pat(*UP*)"
                  - "[RESPONSE_TIME] < 2000"
              - name: database
                group: data
                url: "tcp://{{lab.Tcp.Target}}"
                interval: 2s
                conditions:
                  - "[CONNECTED] == true"
              - name: resolver
                url: "127.0.0.1:{{lab.Dns.Port}}"
                interval: 2s
                dns:
                  query-name: probe.test
                  query-type: A
                conditions:
                  - "[DNS_RCODE] == NOERROR"
              - name: loopback ping
                url: "icmp://127.0.0.1"
                interval: 2s
                conditions:
                  - "[CONNECTED] == true"
              - name: closed port
                url: "tcp://127.0.0.1:{{lab.ClosedPort}}"
                interval: 1s
                conditions:
                  - "[CONNECTED] == true"
                alerts:
                  - type: custom
                    failure-threshold: 2
                    success-threshold: 1
                  - type: ntfy
                    failure-threshold: 2
            """;

        var yaml = await lab.ImportAsync("gatus", config);
        await lab.PreviewAndApplyAsync(yaml, checks: 5, rules: null, channels: 2);

        await lab.ComesUpAsync("site", "database", "resolver");
        // Run as root (CI) it is a real ping; elsewhere the agent's "cannot send ICMP" error is still a result of the check.
        await lab.HasAResultAsync("loopback ping");
        await lab.NotifiesBothAsync("closed port");
        output.WriteLine(yaml);
    }

    private static JsonObject Notification(int id, string name, JsonObject config)
    {
        config["name"] = name;
        config["isDefault"] = false;
        return new JsonObject
        {
            ["id"] = id, ["name"] = name, ["active"] = true, ["userId"] = 1, ["isDefault"] = false, ["config"] = config.ToJsonString(),
        };
    }

    private static JsonObject Monitor(int id, string name, string type, JsonObject fields)
    {
        var monitor = new JsonObject
        {
            ["id"] = id, ["name"] = name, ["type"] = type, ["interval"] = 2, ["retryInterval"] = 2, ["maxretries"] = 0, ["timeout"] = 2,
            ["active"] = true, ["notificationIDList"] = new JsonObject(), ["tags"] = new JsonArray(),
        };
        foreach (var (key, value) in fields)
            monitor[key] = value?.DeepClone();
        return monitor;
    }

    /// <summary>A server with its embedded agent, and the loopback targets and receivers the imported files point at.</summary>
    private sealed class Lab : IAsyncDisposable
    {
        private readonly TempDirectory _temp = new();
        private ServerProcess _server = null!;
        private TinyHttpServer _http = null!;

        public HttpClient Api { get; private set; } = null!;
        public string Http => $"http://127.0.0.1:{_http.Port}/health";
        public TcpTarget Tcp { get; } = new();
        public UdpTestServer Dns { get; } = new(EveryKindIngestTests.AnswerA);
        public WebhookReceiver Hook { get; } = new();
        public WebhookReceiver Ntfy { get; } = new();
        public int ClosedPort { get; } = Closed();

        public static async Task<Lab> StartAsync()
        {
            var lab = new Lab();
            lab._http = new TinyHttpServer(200, "{\"status\":\"UP\"}");
            lab._server = await ServerProcess.StartAsync(lab._temp.Sub("server"), settings: new Dictionary<string, string>
            {
                ["EmbeddedAgent__Enabled"] = "true",
                ["EmbeddedAgent__DemoChecks"] = "false",
                ["EmbeddedAgent__Responder"] = "false",
            });
            lab.Api = lab._server.CreateApiClient();
            await Linkwatch.TestSupport.Api.EventuallyAsync(() => Linkwatch.TestSupport.Api.GetArrayAsync(lab.Api, "/api/agents"),
                agents => agents.Any(a => a!["name"]!.GetValue<string>() == "local" && a["online"]!.GetValue<bool>()), Generous, "the embedded agent online");
            return lab;
        }

        public async Task<string> ImportAsync(string from, string file)
        {
            using var response = await Api.PostAsync($"/api/config/import?from={from}", new StringContent(file, Encoding.UTF8, "text/plain"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"import {from}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!["yaml"]!.GetValue<string>();
        }

        /// <summary>The dry run lists a create for everything, and changes nothing; the apply makes them.</summary>
        public async Task PreviewAndApplyAsync(string yaml, int checks, int? rules, int channels)
        {
            var planned = await ConfigAsync(yaml, dryRun: true);
            Assert.All(planned, c => Assert.Equal("create", c!["op"]!.GetValue<string>()));
            Assert.Equal(checks, planned.Count(c => c!["kind"]!.GetValue<string>() == "check"));
            Assert.Equal(channels, planned.Count(c => c!["kind"]!.GetValue<string>() == "channel"));
            if (rules is { } count)
                Assert.Equal(count, planned.Count(c => c!["kind"]!.GetValue<string>() == "alertRule"));
            else
                Assert.Contains(planned, c => c!["kind"]!.GetValue<string>() == "alertRule");
            Assert.Empty(await Linkwatch.TestSupport.Api.GetArrayAsync(Api, "/api/checks"));

            var applied = await ConfigAsync(yaml, dryRun: false);
            Assert.Equal(planned.Count, applied.Count);
            Assert.Equal(checks, (await Linkwatch.TestSupport.Api.GetArrayAsync(Api, "/api/checks")).Count);
        }

        private async Task<JsonArray> ConfigAsync(string yaml, bool dryRun)
        {
            using var response = await Api.PostAsync("/api/config" + (dryRun ? "?dryRun=true" : ""), new StringContent(yaml, Encoding.UTF8, "application/yaml"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}\n{yaml}");
            return JsonNode.Parse(text)!["changes"]!.AsArray();
        }

        private async Task<long> IdOfAsync(string name) =>
            (await Linkwatch.TestSupport.Api.GetArrayAsync(Api, "/api/checks")).Single(c => c!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<long>();

        public async Task ComesUpAsync(params string[] names)
        {
            foreach (var name in names)
            {
                var id = await IdOfAsync(name);
                await Linkwatch.TestSupport.Api.EventuallyAsync(() => Linkwatch.TestSupport.Api.GetArrayAsync(Api, $"/api/results?checkId={id}&limit=1"),
                    r => r.Count == 1 && r[0]!["status"]!.GetValue<string>() == "up", Generous, $"'{name}' up");
            }
        }

        public async Task HasAResultAsync(string name)
        {
            var id = await IdOfAsync(name);
            await Linkwatch.TestSupport.Api.EventuallyAsync(() => Linkwatch.TestSupport.Api.GetArrayAsync(Api, $"/api/results?checkId={id}&limit=1"),
                r => r.Count == 1, Generous, $"a result of '{name}'");
        }

        public async Task TakesAPushAsync(string name)
        {
            var check = await Linkwatch.TestSupport.Api.GetObjectAsync(Api, $"/api/checks/{await IdOfAsync(name)}");
            Assert.Equal("push", check["kind"]!.GetValue<string>());
            using var anonymous = new HttpClient { Timeout = TestTimeouts.Await };
            using var pushed = await anonymous.GetAsync(check["pushUrl"]!.GetValue<string>() + "?status=up&msg=imported");
            Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
            await ComesUpAsync(name);
        }

        /// <summary>The rule made from the monitor's or endpoint's alerts opens on the closed port and reaches both channels.</summary>
        public async Task NotifiesBothAsync(string name)
        {
            var id = await IdOfAsync(name);
            await Linkwatch.TestSupport.Api.EventuallyAsync(() => Linkwatch.TestSupport.Api.GetArrayAsync(Api, "/api/alerts?state=open"),
                alerts => alerts.Any(a => a!["checkId"]!.GetValue<long>() == id), Generous, $"an open alert on '{name}'");
            await Linkwatch.TestSupport.Api.EventuallyAsync(() => Task.FromResult(Hook.Requests.Count + "/" + Ntfy.Requests.Count),
                _ => !Hook.Requests.IsEmpty && !Ntfy.Requests.IsEmpty, Generous, "a notification on each channel");
        }

        private static int Closed()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public async ValueTask DisposeAsync()
        {
            Api?.Dispose();
            if (_server is not null)
                await _server.DisposeAsync();
            await _http.DisposeAsync();
            await Dns.DisposeAsync();
            Tcp.Dispose();
            Hook.Dispose();
            Ntfy.Dispose();
            _temp.Dispose();
        }
    }
}
