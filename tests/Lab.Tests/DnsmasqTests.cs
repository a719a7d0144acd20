using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests;

/// <summary>The agent's own DNS wire code (no DNS library restores here) against a real server, dnsmasq.</summary>
public sealed class DnsmasqTests(DnsmasqLab fixture) : IClassFixture<DnsmasqLab>
{
    private NetLab Lab => fixture.Lab;

    [LabFact]
    public async Task Dns_A_record_from_dnsmasq_matches_the_expected_address()
    {
        var result = await Lab.CheckAsync("dns", DnsmasqLab.Host, "--server", NetLab.ServerV4, "--expect", NetLab.ServerV4);

        result.ShouldBe("ok", "up").AttemptShouldBe("ipv4", "ok", NetLab.ServerV4);
    }

    [LabFact]
    public async Task Dns_AAAA_record_asked_over_IPv6_matches_the_expected_address()
    {
        var result = await Lab.CheckAsync("dns", DnsmasqLab.Host, "--server", $"[{NetLab.ServerV6}]:53",
            "--type", "AAAA", "--expect", NetLab.ServerV6);

        result.ShouldBe("ok", "up").AttemptShouldBe("ipv6", "ok", NetLab.ServerV6);
    }

    [LabFact]
    public async Task Dns_over_TCP_matches_the_expected_address()
    {
        var result = await Lab.CheckAsync("dns", DnsmasqLab.Host, "--server", NetLab.ServerV4, "--tcp", "--expect", NetLab.ServerV4);

        result.ShouldBe("ok", "up");
    }

    [LabFact]
    public async Task Dns_missing_name_reports_nxdomain()
    {
        var result = await Lab.CheckAsync("dns", "missing.lab.test", "--server", NetLab.ServerV4);

        result.ShouldBe("nxdomain", "down");
    }

    [LabFact]
    public async Task Dns_answer_other_than_expected_reports_answer_mismatch()
    {
        var result = await Lab.CheckAsync("dns", DnsmasqLab.Host, "--server", NetLab.ServerV4, "--expect", "198.51.100.99");

        result.ShouldBe("answer_mismatch", "down");
        // The message names what the server did answer.
        Assert.Contains(NetLab.ServerV4, result.Message, StringComparison.Ordinal);
    }

    [LabFact]
    public async Task Dns_name_without_the_requested_type_reports_no_answer()
    {
        var result = await Lab.CheckAsync("dns", DnsmasqLab.Host, "--server", NetLab.ServerV4, "--type", "TXT");

        result.ShouldBe("no_answer", "down");
    }
}
