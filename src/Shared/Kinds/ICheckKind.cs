namespace Linkwatch.Shared.Kinds;

/// <summary>
/// What both sides must know about one check kind: its name, its target form, whether it takes an
/// address family, which responder port a mesh target (<c>@all</c>, <c>@NAME</c>) points at, and how
/// its options are read and validated. The server validates checks with it, the agent's probes run
/// the options it reads, so the two can never disagree about what a check means.
/// </summary>
public interface ICheckKind
{
    /// <summary>The kind name from <see cref="CheckKinds"/>.</summary>
    string Name { get; }

    /// <summary>What the target is: host:port, URL or name.</summary>
    TargetForm TargetForm { get; }

    /// <summary>Whether the kind opens connections and so takes <c>family</c>.</summary>
    bool TakesFamily { get; }

    /// <summary>The responder port in <paramref name="ports"/> that a mesh check of this kind targets; null when the kind has none.</summary>
    int? MeshPort(ResponderPorts ports);

    /// <summary>Reads and validates the kind's options; errors go to <paramref name="reader"/>.</summary>
    object ReadOptions(CheckOptionReader reader);
}
