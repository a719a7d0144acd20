using System.Net;
using System.Net.Sockets;
using Linkwatch.Agent.Net;
using Linkwatch.Agent.Probes;
using Linkwatch.Agent.Tests.Support;
using Linkwatch.Shared;
using Xunit.Abstractions;

namespace Linkwatch.Agent.Tests.Functional;

public class TcpCheckTests(ITestOutputHelper output)
{
    private static CheckRequest Tcp(string target, string family = Families.Auto, double timeoutSeconds = 5) =>
        new(CheckKinds.Tcp, target, family, TimeSpan.FromSeconds(timeoutSeconds), new Dictionary<string, System.Text.Json.JsonElement>());

    private static CheckRunner RunnerFor(Dictionary<string, IPAddress[]> names) =>
        new(ProbeRegistry.CreateDefault(), new Dialer(new FixedResolver(names)));

    [Fact]
    public async Task Tcp_to_an_ipv4_listener_is_ok_with_connect_timing()
    {
        var listener = Listeners.Start(IPAddress.Loopback);
        try
        {
            var outcome = await new CheckRunner().RunAsync(Tcp($"127.0.0.1:{Listeners.PortOf(listener)}"), CancellationToken.None).OrTimeout();
            Assert.Equal(Statuses.Up, outcome.Status);
            var attempt = Assert.Single(outcome.Attempts);
            Assert.Equal(Verdicts.Ok, attempt.Verdict);
            Assert.Equal("ipv4", attempt.Family);
            Assert.Equal("127.0.0.1", attempt.Address);
            Assert.True(attempt.Phases.ContainsKey(Phases.Connect));
            Assert.False(attempt.Phases.ContainsKey(Phases.Resolve));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Tcp_to_an_ipv6_listener_is_ok()
    {
        var listener = Listeners.Start(IPAddress.IPv6Loopback);
        try
        {
            var outcome = await new CheckRunner().RunAsync(Tcp($"[::1]:{Listeners.PortOf(listener)}"), CancellationToken.None).OrTimeout();
            var attempt = Assert.Single(outcome.Attempts);
            Assert.Equal(Verdicts.Ok, attempt.Verdict);
            Assert.Equal("ipv6", attempt.Family);
            Assert.Equal("::1", attempt.Address);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Tcp_to_a_closed_port_is_connect_refused_and_down()
    {
        var port = Listeners.ClosedPort(IPAddress.Loopback);
        var outcome = await new CheckRunner().RunAsync(Tcp($"127.0.0.1:{port}"), CancellationToken.None).OrTimeout();
        Assert.Equal(Statuses.Down, outcome.Status);
        Assert.Equal(Verdicts.ConnectRefused, outcome.Verdict);
        Assert.Contains("refused", outcome.Message);
    }

    [Fact]
    public async Task Family_both_on_a_name_with_both_families_gives_two_ok_attempts()
    {
        var (v4, v6) = Listeners.StartDual();
        try
        {
            var runner = RunnerFor(new() { ["dual.test"] = [IPAddress.IPv6Loopback, IPAddress.Loopback] });
            var outcome = await runner.RunAsync(Tcp($"dual.test:{Listeners.PortOf(v4)}", Families.Both), CancellationToken.None).OrTimeout();
            Assert.Equal(Verdicts.Ok, outcome.Verdict);
            Assert.Collection(outcome.Attempts,
                a => Assert.Equal(("ipv4", "127.0.0.1", Verdicts.Ok), (a.Family, a.Address, a.Verdict)),
                a => Assert.Equal(("ipv6", "::1", Verdicts.Ok), (a.Family, a.Address, a.Verdict)));
        }
        finally
        {
            v4.Stop();
            v6.Stop();
        }
    }

    [Fact]
    public async Task Family_both_with_a_listener_only_on_ipv4_is_ipv6_failing_and_degraded()
    {
        var (v4, v6) = Listeners.StartDual();
        v6.Stop();
        try
        {
            var runner = RunnerFor(new() { ["dual.test"] = [IPAddress.IPv6Loopback, IPAddress.Loopback] });
            var outcome = await runner.RunAsync(Tcp($"dual.test:{Listeners.PortOf(v4)}", Families.Both), CancellationToken.None).OrTimeout();
            Assert.Equal(Statuses.Degraded, outcome.Status);
            Assert.Equal(Verdicts.Ipv6Failing, outcome.Verdict);
            Assert.Equal(Verdicts.Ok, outcome.Attempts[0].Verdict);
            Assert.Equal(Verdicts.ConnectRefused, outcome.Attempts[1].Verdict);
        }
        finally
        {
            v4.Stop();
        }
    }

    [Fact]
    public async Task Family_both_on_localhost_through_the_system_resolver_gives_two_attempts()
    {
        var addresses = await System.Net.Dns.GetHostAddressesAsync("localhost").OrTimeout();
        var hasV6 = addresses.Any(a => a.AddressFamily == AddressFamily.InterNetworkV6);
        output.WriteLine($"localhost resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}");
        var (v4, v6) = Listeners.StartDual();
        try
        {
            var outcome = await new CheckRunner().RunAsync(Tcp($"localhost:{Listeners.PortOf(v4)}", Families.Both), CancellationToken.None).OrTimeout();
            Assert.Equal(2, outcome.Attempts.Count);
            Assert.Equal(Verdicts.Ok, outcome.Attempts[0].Verdict);
            // Where /etc/hosts gives localhost no ::1 (as on the build machines), the ipv6 attempt
            // is no_address, which must not count as a failure.
            Assert.Equal(hasV6 ? Verdicts.Ok : Verdicts.NoAddress, outcome.Attempts[1].Verdict);
            Assert.Equal(Verdicts.Ok, outcome.Verdict);
        }
        finally
        {
            v4.Stop();
            v6.Stop();
        }
    }

    [Fact]
    public async Task Family_both_runs_the_two_attempts_at_the_same_time()
    {
        var (v4, v6) = Listeners.StartDual();
        try
        {
            // The resolver answers only once both attempts are inside it at the same time; run one
            // after the other, the first would wait for the second until its deadline.
            var runner = new CheckRunner(ProbeRegistry.CreateDefault(), new Dialer(new RendezvousResolver(2)));
            var outcome = await runner.RunAsync(Tcp($"slow.test:{Listeners.PortOf(v4)}", Families.Both, 3), CancellationToken.None).OrTimeout();
            Assert.Equal(Verdicts.Ok, outcome.Verdict);
        }
        finally
        {
            v4.Stop();
            v6.Stop();
        }
    }

    private sealed class RendezvousResolver(int callers) : IHostResolver
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) == callers)
                _all.TrySetResult();
            await _all.Task.WaitAsync(cancellationToken);
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }
    }
}
