using Linkwatch.Server.StatusPages;
using static Linkwatch.Server.StatusPages.StatusPagesApi;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>
/// The status page form's text: groups one per line as <c>Group name: check, check</c> (checks by name), and one
/// notice (title and Markdown body); further notices a page has from the API are kept as they are.
/// </summary>
public sealed class StatusPageDraft
{
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Public { get; set; } = true;
    public bool ShowAgents { get; set; }
    public string Groups { get; set; } = "";
    public string NoticeTitle { get; set; } = "";
    public string NoticeBody { get; set; } = "";
    private DateTimeOffset? _noticeAt;
    private List<StatusNotice> _moreNotices = [];

    public static StatusPageDraft From(StatusPageDto page, IReadOnlyDictionary<long, string> checkNames)
    {
        var first = page.Notices.FirstOrDefault();
        return new StatusPageDraft
        {
            Slug = page.Slug, Title = page.Title, Description = page.Description ?? "", Public = page.Public, ShowAgents = page.ShowAgents,
            Groups = string.Join("\n", page.Groups.Select(g => $"{g.Name}: {string.Join(", ", g.Checks.Select(id => checkNames.GetValueOrDefault(id, $"#{id}")))}")),
            NoticeTitle = first?.Title ?? "", NoticeBody = first?.Body ?? "", _noticeAt = first?.At, _moreNotices = [.. page.Notices.Skip(1)],
        };
    }

    public StatusPageBody ToBody(FormErrors errors, IReadOnlyList<(long Id, string Name)> checks)
    {
        var groups = new List<GroupBody>();
        var lines = Groups.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? line : line[..colon].Trim();
            var ids = new List<long>();
            foreach (var part in (colon < 0 ? "" : line[(colon + 1)..]).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var match = checks.Where(c => string.Equals(c.Name, part, StringComparison.OrdinalIgnoreCase)).Select(c => (long?)c.Id).FirstOrDefault();
                if (match is null && part.StartsWith('#') && long.TryParse(part[1..], out var raw))
                    match = raw;
                if (match is { } id)
                    ids.Add(id);
                else
                    errors.Add("groups", $"no check named '{part}'");
            }
            groups.Add(new GroupBody(name, ids));
        }
        var notices = new List<NoticeBody>();
        if (!string.IsNullOrWhiteSpace(NoticeTitle) || !string.IsNullOrWhiteSpace(NoticeBody))
            notices.Add(new NoticeBody(NoticeTitle, NoticeBody, _noticeAt));
        notices.AddRange(_moreNotices.Select(n => new NoticeBody(n.Title, n.Body, n.At)));
        return new StatusPageBody(Slug.Trim(), Title, Description, Public, ShowAgents, groups, notices);
    }
}
