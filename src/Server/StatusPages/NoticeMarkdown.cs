using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;

namespace Linkwatch.Server.StatusPages;

/// <summary>A notice's Markdown as HTML: raw HTML is not passed through, and links keep only http, https and mailto.</summary>
public static partial class NoticeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
            if (link.Url is { } url && !SafeUrl().IsMatch(url))
                link.Url = "#";
        return document.ToHtml(Pipeline);
    }

    [GeneratedRegex(@"^(https?:|mailto:|/|#)", RegexOptions.IgnoreCase)]
    private static partial Regex SafeUrl();
}
