namespace Linkwatch.Server.Dashboard;

/// <summary>The mesh page: one matrix per enabled mesh check.</summary>
public sealed record MeshModel(IReadOnlyList<MeshMatrix> Checks);

/// <summary>
/// One mesh check as a matrix: source agents (rows, they run the check) by target agents (columns, their
/// responders are aimed at). <see cref="Cell"/> is null where no result exists yet. <see cref="NoService"/>
/// holds targets whose responder does not serve this kind (port taken, or no address of the check's family):
/// no agent is assigned to them, so their cells will never fill.
/// </summary>
public sealed record MeshMatrix(
    long Id, string Name, string Kind, string Target, string Family,
    IReadOnlyList<AgentView> Sources, IReadOnlyList<string> Targets, IReadOnlySet<string> NoService,
    IReadOnlyDictionary<(string Source, string Target), MeshCell> Cells)
{
    public MeshCell? Cell(string source, string target) => Cells.GetValueOrDefault((source, target));
}

/// <summary>The newest result of source -> target, with each address family's own verdict.</summary>
public sealed record MeshCell(DateTimeOffset StartedAt, string Status, string Verdict, double? LatencyMs, string? Detail,
    IReadOnlyList<MeshFamily> Families);

public sealed record MeshFamily(string Family, string Status, string Verdict, double? LatencyMs);
