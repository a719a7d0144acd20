using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Checks;

/// <summary>
/// A check's parents (<c>dependsOn</c>): stored as a JSON array of ids; every id must name a check, and following
/// parents from a check must never lead back to it.
/// </summary>
public static class CheckDependencies
{
    /// <summary>A check that waits on more parents than this is a configuration mistake, not a dependency.</summary>
    public const int MaxParents = 32;

    public static IReadOnlyList<long> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetInt64())];
    }

    public static string Write(IEnumerable<long>? ids) =>
        "[" + string.Join(",", (ids ?? []).Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>
    /// Why <paramref name="parents"/> cannot be the parents of check <paramref name="self"/> (null: a new check), as a
    /// 400 naming <c>dependsOn</c>; null when they can.
    /// </summary>
    public static async Task<ProblemHttpResult?> ProblemAsync(LinkwatchDbContext db, long? self, IReadOnlyCollection<long>? parents,
        CancellationToken cancellationToken)
    {
        if (parents is null || parents.Count == 0)
            return null;
        if (parents.Count > MaxParents)
            return Problems.Invalid("dependsOn", $"dependsOn takes at most {MaxParents} checks");
        if (self is { } own && parents.Contains(own))
            return Problems.Invalid("dependsOn", "a check cannot depend on itself");
        var graph = await db.Checks.AsNoTracking().Select(c => new { c.Id, c.DependsOn }).ToDictionaryAsync(c => c.Id, c => c.DependsOn, cancellationToken);
        if (parents.Where(id => !graph.ContainsKey(id)).Select(id => (long?)id).FirstOrDefault() is { } unknown)
            return Problems.Invalid("dependsOn", string.Create(CultureInfo.InvariantCulture, $"dependsOn names check {unknown}, which does not exist"));
        if (self is null)
            return null;
        // Walk up from the new parents: reaching this check again means its parents would wait on it.
        var seen = new HashSet<long>();
        var stack = new Stack<long>(parents);
        while (stack.TryPop(out var id))
        {
            if (id == self)
                return Problems.Invalid("dependsOn", "dependsOn would make a cycle: a parent depends on this check");
            if (!seen.Add(id) || !graph.TryGetValue(id, out var json))
                continue;
            foreach (var parent in Read(json))
                stack.Push(parent);
        }
        return null;
    }
}
