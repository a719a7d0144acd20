using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests;

/// <summary>
/// IPv6 failing while IPv4 works: one family broken, the other fine. An nft rule in the server namespace
/// drops TCP to the echo port for one family only; a name with both addresses then shows the
/// broken family failing and the other ok, in one check.
/// </summary>
public sealed class AddressFamilyTests
{
    [LabTheory]
    [InlineData("ipv6", "ipv4")]
    [InlineData("ipv4", "ipv6")]
    public async Task Tcp_both_families_with_one_family_dropped_reports_that_family_failing(string dropped, string working)
    {
        await using var lab = await NetLab.CreateAsync();
        await lab.StartResponderAsync();
        await lab.WriteClientHostsAsync($"{NetLab.ServerV4} target.lab\n{NetLab.ServerV6} target.lab\n");
        var target = $"target.lab:{NetLab.TcpEcho}";

        // Before the rule both families connect: the rule alone makes the difference.
        var before = await lab.CheckAsync("tcp", target, "--family", "both", "--timeout", "3");
        before.AttemptShouldBe("ipv4", "ok", NetLab.ServerV4).AttemptShouldBe("ipv6", "ok", NetLab.ServerV6);

        await lab.NftTableAsync(lab.Server, "lwlab", $$"""
            chain input {
                type filter hook input priority 0; policy accept;
                meta nfproto {{dropped}} tcp dport {{NetLab.TcpEcho}} drop
            }
            """);
        var result = await lab.CheckAsync("tcp", target, "--family", "both", "--timeout", "3");

        // A dropped SYN gets no answer at all: a connect timeout, not a refusal.
        result.ShouldBe($"{dropped}_failing", "degraded")
            .AttemptShouldBe(working, "ok", working == "ipv4" ? NetLab.ServerV4 : NetLab.ServerV6)
            .AttemptShouldBe(dropped, "connect_timeout", dropped == "ipv4" ? NetLab.ServerV4 : NetLab.ServerV6);
    }
}
