using System.Text.Json;
using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests;

/// <summary>
/// The renumbered host: a host's address changes under its name. The server's IPv4 address is
/// really renumbered and the client's hosts file follows; <c>resolve</c> reports the change once
/// (degraded), and the name keeps working at its new address.
/// </summary>
public sealed class RenumberTests
{
    private const string NewServerV4 = "198.51.100.3";

    [LabFact]
    public async Task Resolve_reports_address_changed_once_after_the_target_is_renumbered()
    {
        await using var lab = await NetLab.CreateAsync();
        await lab.StartResponderAsync();
        await lab.WriteClientHostsAsync($"{NetLab.ServerV4} target.lab\n{NetLab.ServerV6} target.lab\n");

        // Nothing remembered yet: ok.
        (await lab.CheckAsync("resolve", "target.lab")).ShouldBe("ok", "up");

        // Old address first: deleting a primary IPv4 address also deletes the secondaries of its
        // subnet (promote_secondaries is off by default), so add-then-delete would lose the new one.
        await lab.IpAsync(lab.Server, "addr", "del", NetLab.ServerV4 + "/24", "dev", NetLab.Link);
        await lab.IpAsync(lab.Server, "addr", "add", NewServerV4 + "/24", "dev", NetLab.Link);
        await lab.WriteClientHostsAsync($"{NewServerV4} target.lab\n{NetLab.ServerV6} target.lab\n");

        var changed = await lab.CheckAsync("resolve", "target.lab");
        changed.ShouldBe("address_changed", "degraded");
        Assert.Contains($"ipv4 {NetLab.ServerV4} -> {NewServerV4}", changed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ipv6", changed.Message, StringComparison.Ordinal);

        // The name works at its new address; the old one is gone.
        (await lab.CheckAsync("tcp", $"target.lab:{NetLab.TcpEcho}", "--family", "ipv4", "--timeout", "5"))
            .ShouldBe("ok", "up").AttemptShouldBe("ipv4", "ok", NewServerV4);

        // The change was an event, not a state: the next run is ok again.
        (await lab.CheckAsync("resolve", "target.lab")).ShouldBe("ok", "up");

        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lab.AgentData, "resolve-state.json")));
        var remembered = state.RootElement.GetProperty("target.lab");
        Assert.Equal([NewServerV4], remembered.GetProperty("ipv4").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([NetLab.ServerV6], remembered.GetProperty("ipv6").EnumerateArray().Select(e => e.GetString()));
    }
}
