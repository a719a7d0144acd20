using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests;

/// <summary>One lab for the dns tests: dnsmasq in the server namespace, answering for lab.test on both families.</summary>
public sealed class DnsmasqLab : IAsyncLifetime
{
    public const string Host = "host.lab.test";

    private NetLab? _lab;

    public NetLab Lab => _lab ?? throw new InvalidOperationException("the lab was not started");

    public async Task InitializeAsync()
    {
        // Skipped tests need no lab; in CI nothing is skipped and CreateAsync names a missing piece.
        if (LabEnvironment.SkipReason is not null)
            return;
        _lab = await NetLab.CreateAsync();
        await _lab.StartDnsmasqAsync($"{Host},{NetLab.ServerV4},{NetLab.ServerV6}");
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
            await _lab.DisposeAsync();
    }
}
