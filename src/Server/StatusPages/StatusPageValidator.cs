using System.Text.RegularExpressions;
using static Linkwatch.Server.StatusPages.StatusPagesApi;

namespace Linkwatch.Server.StatusPages;

/// <summary>The body of POST and PUT <c>/api/status-pages</c>: a slug by the rule, a title, groups of existing checks, notices.</summary>
public sealed partial class StatusPageValidator(LinkwatchDbContext db) : IBodyValidator<StatusPageBody>
{
    public const string SlugRule = "[a-z0-9][a-z0-9-]{0,62}";
    public const int MaxText = 10_000;

    [GeneratedRegex("^" + SlugRule + "$")]
    public static partial Regex Slug();

    public async ValueTask ValidateAsync(StatusPageBody b, ValidationErrors errors, CancellationToken cancellationToken)
    {
        Validate(b, errors);
        var groups = b.Groups ?? [];
        var wanted = groups.SelectMany(g => g?.Checks ?? []).Distinct().ToList();
        var known = await db.Checks.AsNoTracking().Where(c => wanted.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < groups.Count; i++)
        {
            var unknown = (groups[i]?.Checks ?? []).Where(id => !known.Contains(id)).ToList();
            if (unknown.Count > 0)
                errors.Set($"groups[{i}].checks", "no check with id " + string.Join(", ", unknown));
        }
    }

    /// <summary>Every rule but whether the grouped checks exist, which the caller judges against its own store.</summary>
    public static void Validate(StatusPageBody b, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(b.Slug))
            errors.Set("slug", "slug is required");
        else if (!Slug().IsMatch(b.Slug))
            errors.Set("slug", $"slug must match {SlugRule} (lower-case letters, digits and dashes)");
        if (string.IsNullOrWhiteSpace(b.Title))
            errors.Set("title", "title is required");
        else if (b.Title.Length > Names.MaxLength)
            errors.Set("title", $"title must be at most {Names.MaxLength} characters");
        if (b.Description is { Length: > MaxText })
            errors.Set("description", $"description must be at most {MaxText} characters");
        var groups = b.Groups ?? [];
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            if (g is null || string.IsNullOrWhiteSpace(g.Name))
                errors.Set($"groups[{i}].name", "a group needs a name");
            else if (g.Name.Length > Names.MaxLength)
                errors.Set($"groups[{i}].name", $"a group name must be at most {Names.MaxLength} characters");
        }
        var notices = b.Notices ?? [];
        for (var i = 0; i < notices.Count; i++)
        {
            var n = notices[i];
            if (n is null || string.IsNullOrWhiteSpace(n.Title))
                errors.Set($"notices[{i}].title", "a notice needs a title");
            else if (n.Title.Length > Names.MaxLength)
                errors.Set($"notices[{i}].title", $"a notice title must be at most {Names.MaxLength} characters");
            if (n?.Body is { Length: > MaxText })
                errors.Set($"notices[{i}].body", $"a notice body must be at most {MaxText} characters");
        }
    }
}
