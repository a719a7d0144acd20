namespace Linkwatch.Server.Dashboard;

/// <summary>
/// The overview's search box, label filter and grouping, as a pure function of the loaded checks, so a live
/// reload keeps what the person typed and chose.
/// </summary>
public sealed record OverviewFilter(string? Search = null, string? Label = null, string? GroupBy = null)
{
    /// <summary>The heading of checks without the grouping label.</summary>
    public const string Ungrouped = "(no label)";

    /// <summary>
    /// Checks whose name or target contains the search (with all their rows), or rows whose agent does; and
    /// with the chosen label (<c>key=value</c>). A check left with no row is dropped.
    /// </summary>
    public IReadOnlyList<CheckGroup> Apply(IReadOnlyList<CheckGroup> checks)
    {
        var search = Search?.Trim();
        var result = new List<CheckGroup>(checks.Count);
        foreach (var check in checks)
        {
            if (!HasLabel(check))
                continue;
            if (string.IsNullOrEmpty(search) || Contains(check.Name, search) || Contains(check.Target, search))
            {
                result.Add(check);
                continue;
            }
            var rows = check.Rows.Where(r => r.Agent is not null && Contains(r.Agent, search)).ToList();
            if (rows.Count > 0)
                result.Add(check with { Rows = rows });
        }
        return result;
    }

    /// <summary>Filtered checks in groups by the value of the <see cref="GroupBy"/> label; one unnamed group when not grouping.</summary>
    public IReadOnlyList<(string? Title, IReadOnlyList<CheckGroup> Checks)> Groups(IReadOnlyList<CheckGroup> checks)
    {
        var shown = Apply(checks);
        if (string.IsNullOrEmpty(GroupBy))
            return [(null, shown)];
        return shown
            .GroupBy(c => c.Labels.TryGetValue(GroupBy, out var v) ? $"{GroupBy}={v}" : Ungrouped)
            .OrderBy(g => g.Key == Ungrouped).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ((string?)g.Key, (IReadOnlyList<CheckGroup>)g.ToList()))
            .ToList();
    }

    /// <summary>Every <c>key=value</c> label on the checks, for the label filter.</summary>
    public static IReadOnlyList<string> LabelsOf(IEnumerable<CheckGroup> checks) =>
        checks.SelectMany(c => c.Labels.Select(l => $"{l.Key}={l.Value}")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every label key, for grouping.</summary>
    public static IReadOnlyList<string> KeysOf(IEnumerable<CheckGroup> checks) =>
        checks.SelectMany(c => c.Labels.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private bool HasLabel(CheckGroup check)
    {
        if (string.IsNullOrEmpty(Label))
            return true;
        var split = Label.IndexOf('=', StringComparison.Ordinal);
        return split > 0 && check.Labels.TryGetValue(Label[..split], out var value) && value == Label[(split + 1)..];
    }

    private static bool Contains(string text, string search) => text.Contains(search, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The first <paramref name="limit"/> rows of the groups, in order: a page of thousands of rows is slow to render
    /// and to keep live, and nobody reads it; search and the filters narrow it, "show more" lengthens it.
    /// </summary>
    public static IReadOnlyList<(string? Title, IReadOnlyList<CheckGroup> Checks)> Take(
        IReadOnlyList<(string? Title, IReadOnlyList<CheckGroup> Checks)> groups, int limit, out int total)
    {
        total = groups.Sum(g => g.Checks.Sum(c => c.Rows.Count));
        var left = limit;
        var shown = new List<(string? Title, IReadOnlyList<CheckGroup> Checks)>();
        foreach (var (title, checks) in groups)
        {
            var kept = new List<CheckGroup>();
            foreach (var check in checks.TakeWhile(_ => left > 0))
            {
                kept.Add(check.Rows.Count <= left ? check : check with { Rows = [.. check.Rows.Take(left)] });
                left -= Math.Min(left, check.Rows.Count);
            }
            shown.Add((title, kept));
        }
        return shown;
    }
}
