using Linkwatch.Shared;
using Linkwatch.Server.Agents;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests;

/// <summary>Mesh expansion: a pure function of the checks and the agents' advertised responders.</summary>
public sealed class AssignmentBuilderTests
{
    private static readonly ResponderPorts StandardPorts = new() { TcpEcho = 7650, HalfCloseEcho = 7651, UdpEcho = 7652, CloseAfter = 7653, Http = 7654 };

    private static readonly List<MeshPeer> ThreeAgents =
    [
        new("a", false, ["192.0.2.1"], StandardPorts),
        new("b", false, ["192.0.2.2", "2001:db8::2"], StandardPorts with { TcpEcho = 17650 }),
        new("c", false, ["2001:db8::3"], StandardPorts),
    ];

    private static Check Mesh(long id, string kind, string target, string family = Families.Auto, string agents = "[]") =>
        new() { Id = id, Name = "mesh " + kind, Kind = kind, Target = target, IntervalSeconds = 10, TimeoutSeconds = 5, Family = family, Agents = agents };

    [Fact]
    public void At_all_gives_each_of_three_agents_one_assignment_per_other_agent_aimed_at_its_tcp_echo()
    {
        var check = Mesh(1, CheckKinds.Tcp, "@all");

        var a = AssignmentBuilder.Build("a", [check], ThreeAgents).Checks;
        var b = AssignmentBuilder.Build("b", [check], ThreeAgents).Checks;
        var c = AssignmentBuilder.Build("c", [check], ThreeAgents).Checks;

        Assert.Equal([("b", "192.0.2.2:17650"), ("c", "[2001:db8::3]:7650")], a.Select(x => (x.Peer, x.Target)));
        Assert.Equal([("a", "192.0.2.1:7650"), ("c", "[2001:db8::3]:7650")], b.Select(x => (x.Peer, x.Target)));
        Assert.Equal([("a", "192.0.2.1:7650"), ("b", "192.0.2.2:17650")], c.Select(x => (x.Peer, x.Target)));
        Assert.All(a.Concat(b).Concat(c), x => Assert.Equal((1L, CheckKinds.Tcp, 10), (x.CheckId, x.Kind, x.IntervalSeconds)));
    }

    [Theory]
    [InlineData(CheckKinds.HalfClose, "192.0.2.1:7651")]
    [InlineData(CheckKinds.Udp, "192.0.2.1:7652")]
    [InlineData(CheckKinds.ClosePropagation, "192.0.2.1:7653")]
    [InlineData(CheckKinds.Http, "http://192.0.2.1:7654/")]
    public void Each_kind_is_aimed_at_its_own_responder_port(string kind, string expected)
    {
        var set = AssignmentBuilder.Build("c", [Mesh(2, kind, "@a")], ThreeAgents);

        Assert.Equal([("a", expected)], set.Checks.Select(x => (x.Peer, x.Target)));
    }

    [Fact]
    public void At_name_points_every_other_agent_at_that_agent_only_and_not_at_itself()
    {
        var check = Mesh(3, CheckKinds.Tcp, "@b");

        Assert.Equal(["b"], AssignmentBuilder.Build("a", [check], ThreeAgents).Checks.Select(x => x.Peer));
        Assert.Equal(["b"], AssignmentBuilder.Build("c", [check], ThreeAgents).Checks.Select(x => x.Peer));
        Assert.Empty(AssignmentBuilder.Build("b", [check], ThreeAgents).Checks);
    }

    [Fact]
    public void Revoked_agents_and_agents_without_a_responder_are_not_targets()
    {
        List<MeshPeer> peers =
        [
            new("a", false, ["192.0.2.1"], StandardPorts),
            new("gone", true, ["192.0.2.9"], StandardPorts),
            new("quiet", false, [], null),
            new("c", false, ["192.0.2.3"], StandardPorts),
        ];

        var set = AssignmentBuilder.Build("a", [Mesh(4, CheckKinds.Tcp, "@all"), Mesh(5, CheckKinds.Udp, "@gone")], peers);

        Assert.Equal([(4L, "c")], set.Checks.Select(x => (x.CheckId, x.Peer)));
    }

    [Fact]
    public void A_family_bound_check_uses_the_peer_address_of_that_family_and_skips_peers_without_one()
    {
        var v6 = AssignmentBuilder.Build("a", [Mesh(6, CheckKinds.Tcp, "@all", Families.Ipv6)], ThreeAgents).Checks;
        var v4 = AssignmentBuilder.Build("a", [Mesh(7, CheckKinds.Tcp, "@all", Families.Ipv4)], ThreeAgents).Checks;

        Assert.Equal([("b", "[2001:db8::2]:17650"), ("c", "[2001:db8::3]:7650")], v6.Select(x => (x.Peer, x.Target)));
        Assert.Equal([("b", "192.0.2.2:17650")], v4.Select(x => (x.Peer, x.Target)));
    }

    [Fact]
    public void The_check_agent_list_still_chooses_the_sources_and_ordinary_checks_have_no_peer()
    {
        var mesh = Mesh(8, CheckKinds.Tcp, "@all", agents: "[\"a\"]");
        var plain = new Check { Id = 9, Name = "plain", Kind = CheckKinds.Tcp, Target = "example.test:80", IntervalSeconds = 10, TimeoutSeconds = 5 };

        Assert.Empty(AssignmentBuilder.Build("b", [mesh], ThreeAgents).Checks);
        var a = AssignmentBuilder.Build("a", [mesh, plain], ThreeAgents).Checks;
        Assert.Equal([(8L, "b"), (8L, "c"), (9L, null)], a.Select(x => (x.CheckId, x.Peer)));
        Assert.Equal("example.test:80", a.Single(x => x.CheckId == 9).Target);
    }

    [Fact]
    public void Revisions_only_increase_even_when_taken_at_the_same_time()
    {
        var revisions = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 10_000, _ => revisions.Add(AssignmentBuilder.NextRevision()));
        Assert.Equal(10_000, revisions.Distinct().Count());
        var later = AssignmentBuilder.NextRevision();
        Assert.True(revisions.All(r => r < later));
    }
}
