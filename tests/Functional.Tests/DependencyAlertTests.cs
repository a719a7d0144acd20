using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Linkwatch.Functional.Tests.PushCheckTests;

namespace Linkwatch.Functional.Tests;

/// <summary><c>dependsOn</c> end to end: validation, and a child's alert held as suppressed while its parent is down.</summary>
public sealed class DependencyAlertTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Unknown_parents_self_references_and_cycles_are_400_naming_dependsOn()
    {
        using var api = fixture.Server.CreateApiClient();
        await AssertDependsOnRefusedAsync(api.PostAsJsonAsync("/api/checks", new { name = "orphan", kind = "push", intervalSeconds = 60, dependsOn = new[] { 987654321L } }));
        var a = (await CreateAsync(api, "/api/checks", new { name = "dep a", kind = "push", intervalSeconds = 60 }))["id"]!.GetValue<long>();
        var b = (await CreateAsync(api, "/api/checks", new { name = "dep b", kind = "push", intervalSeconds = 60, dependsOn = new[] { a } }))["id"]!.GetValue<long>();
        var c = await CreateAsync(api, "/api/checks", new { name = "dep c", kind = "push", intervalSeconds = 60, dependsOn = new[] { b } });
        Assert.Equal([b], c["dependsOn"]!.AsArray().Select(n => n!.GetValue<long>()));
        var cId = c["id"]!.GetValue<long>();
        await AssertDependsOnRefusedAsync(api.PutAsJsonAsync($"/api/checks/{a}", new { name = "dep a", kind = "push", intervalSeconds = 60, dependsOn = new[] { cId } }));
        await AssertDependsOnRefusedAsync(api.PutAsJsonAsync($"/api/checks/{a}", new { name = "dep a", kind = "push", intervalSeconds = 60, dependsOn = new[] { a } }));
        var stored = await Api.GetObjectAsync(api, $"/api/checks/{a}");
        Assert.Empty(stored["dependsOn"]!.AsArray());
    }

    [Fact]
    public async Task A_childs_alert_is_held_as_suppressed_while_its_parent_is_down_on_the_agent_and_released_when_it_recovers()
    {
        using var temp = new TempDirectory();
        var parentTarget = new TcpTarget();
        var parentPort = parentTarget.Port;
        var childTarget = new TcpTarget();
        using var receiver = new WebhookReceiver();
        var agentData = temp.Sub("agent");
        await AgentProcess.EnrollAsync(fixture.Server.BaseUrl, "dep-edge", agentData);
        await using var agent = AgentProcess.Run(agentData);
        using var api = fixture.Server.CreateApiClient();

        var parent = await Api.CreateCheckAsync(api, new { name = "uplink", kind = "tcp", target = parentTarget.Target, intervalSeconds = 1, agents = new[] { "dep-edge" } });
        var child = await Api.CreateCheckAsync(api, new { name = "service behind uplink", kind = "tcp", target = childTarget.Target, intervalSeconds = 1,
            agents = new[] { "dep-edge" }, dependsOn = new[] { parent } });
        await CreateAsync(api, "/api/channels", new { name = "dep hook", type = "webhook", settings = new { url = receiver.Url } });
        await CreateAsync(api, "/api/alert-rules", new { name = "child down", checkId = child, openAfterFailures = 2, resolveAfterSuccesses = 2, channels = new[] { "dep hook" } });
        await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={child}"),
            r => r.Count >= 1 && r[0]!["status"]!.GetValue<string>() == "up", Generous, "the child up");

        // The parent goes down first, then the child: the child's alert opens held.
        parentTarget.Dispose();
        await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={parent}&limit=1"),
            r => r.Count == 1 && r[0]!["status"]!.GetValue<string>() == "down", Generous, "the parent down");
        childTarget.Dispose();
        var held = await Api.EventuallyAsync(() => Api.GetArrayAsync(api, "/api/alerts?state=open"),
            r => r.Any(a => a!["checkId"]?.GetValue<long>() == child), Generous, "the child's alert open");
        var alert = held.Single(a => a!["checkId"]?.GetValue<long>() == child)!;
        Assert.True(alert["suppressed"]!.GetValue<bool>(), alert.ToJsonString());
        Assert.Equal("dep-edge", alert["agent"]!.GetValue<string>());
        // Held: nobody is paged about the child while its parent explains it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(receiver.Requests, r => r.Event == "opened");

        // The parent recovers while the child is still down: the held alert is announced, once.
        using var parentAgain = new TcpTarget(parentPort);
        var opened = await WaitForAsync(receiver, "opened");
        Assert.Equal(alert["id"]!.GetValue<long>(), opened.Json["alertId"]!.GetValue<long>());
        Assert.Equal("service behind uplink", opened.Json["check"]!.GetValue<string>());
        var released = await Api.GetObjectAsync(api, $"/api/alerts/{alert["id"]!.GetValue<long>()}");
        Assert.False(released["suppressed"]!.GetValue<bool>());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(receiver.Requests, r => r.Event == "opened");
    }

    private static async Task AssertDependsOnRefusedAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.True(JsonNode.Parse(text)!["errors"]!.AsObject().ContainsKey("dependsOn"), text);
    }
}
