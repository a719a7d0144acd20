namespace Linkwatch.Server.Dashboard;

/// <summary>A check, its labels and its rows, one per agent that runs it (one row when it is paused).</summary>
public sealed record CheckGroup(long Id, string Name, string Kind, string Target, IReadOnlyList<CheckAgentRow> Rows)
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public bool Paused { get; init; }
}
