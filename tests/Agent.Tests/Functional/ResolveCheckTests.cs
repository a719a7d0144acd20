using System.Net;
using System.Net.Sockets;
using Linkwatch.Agent.Net;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;

namespace Linkwatch.Agent.Tests.Functional;

public sealed class ResolveCheckTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("linkwatch-resolve-").FullName;
    private readonly SwappableResolver _resolver = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private CheckRunner Runner() => new(ProbeRegistry.CreateDefault(_directory), new Dialer(_resolver));

    private Task<CheckOutcome> RunAsync(string name = "host.test") =>
        Runner().RunAsync(Requests.For(CheckKinds.Resolve, name), CancellationToken.None).OrTimeout();

    [Fact]
    public async Task First_run_is_ok_then_a_changed_set_is_address_changed_once()
    {
        _resolver.Answer = [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("2001:db8::1")];
        var first = await RunAsync();
        Assert.Equal(Verdicts.Ok, first.Verdict);
        Assert.Contains(Phases.Resolve, Assert.Single(first.Attempts).Phases.Keys);
        Assert.True(File.Exists(Path.Combine(_directory, ResolveProbe.StateFileName)));

        Assert.Equal(Verdicts.Ok, (await RunAsync()).Verdict);

        _resolver.Answer = [IPAddress.Parse("192.0.2.2"), IPAddress.Parse("2001:db8::1")];
        var changed = await RunAsync();
        Assert.Equal(Verdicts.AddressChanged, changed.Verdict);
        Assert.Equal(Statuses.Degraded, changed.Status);
        Assert.Contains("ipv4 192.0.2.1 -> 192.0.2.2", changed.Message);
        Assert.DoesNotContain("ipv6", changed.Message);

        // A fresh runner (a restarted agent) reads the memory from disk.
        Assert.Equal(Verdicts.Ok, (await RunAsync()).Verdict);
    }

    [Fact]
    public async Task Order_from_the_resolver_does_not_count_as_a_change()
    {
        _resolver.Answer = [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2")];
        await RunAsync();
        _resolver.Answer = [IPAddress.Parse("192.0.2.2"), IPAddress.Parse("192.0.2.1")];
        Assert.Equal(Verdicts.Ok, (await RunAsync()).Verdict);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_resolve_failed()
    {
        _resolver.Answer = null;
        var outcome = await RunAsync();
        Assert.Equal(Verdicts.ResolveFailed, outcome.Verdict);
        Assert.Equal(Statuses.Down, outcome.Status);
    }

    private sealed class SwappableResolver : IHostResolver
    {
        public IPAddress[]? Answer { get; set; }

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Answer is { } addresses
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
