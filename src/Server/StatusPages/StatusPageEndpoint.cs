using System.Runtime.CompilerServices;
using System.Text;
using Linkwatch.Server.StatusPages.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Linkwatch.Server.StatusPages;

/// <summary>
/// <c>GET /status/{slug}</c>: the public page, static HTML rendered once per cached summary (so at most every
/// <see cref="StatusPageCache.MaxAge"/>) and then served as bytes: a page under load costs neither the store nor a
/// render per request. Without sign-in a page that is not public is 404, like one that does not exist.
/// </summary>
public static class StatusPageEndpoint
{
    private static readonly ConditionalWeakTable<StatusSummary, byte[]> Rendered = [];
    private static byte[]? _notFound;

    public static IEndpointRouteBuilder MapPublicStatusPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status/{slug}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task ServeAsync(string slug, HttpContext context, StatusPageCache cache, IServiceProvider services, ILoggerFactory loggers)
    {
        var summary = StatusPageValidator.Slug().IsMatch(slug) ? await cache.GetAsync(slug, context.RequestAborted) : null;
        if (summary is not null && !summary.Public && context.User.Identity?.IsAuthenticated != true)
            summary = null;
        byte[] html;
        if (summary is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers.CacheControl = "no-store";
            // One page for every unknown slug: rendering per request would let anyone make the server work for nothing.
            html = _notFound ??= await RenderAsync(services, loggers, "", null);
        }
        else
        {
            context.Response.Headers.CacheControl = summary.Public ? "public, max-age=10" : "private, no-store";
            if (!Rendered.TryGetValue(summary, out var bytes))
            {
                bytes = await RenderAsync(services, loggers, slug, summary);
                Rendered.AddOrUpdate(summary, bytes);
            }
            html = bytes;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = html.Length;
        await context.Response.Body.WriteAsync(html, context.RequestAborted);
    }

    private static async Task<byte[]> RenderAsync(IServiceProvider services, ILoggerFactory loggers, string slug, StatusSummary? summary)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var text = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { ["Slug"] = slug, ["Summary"] = summary });
            var output = await renderer.RenderComponentAsync<StatusDocument>(parameters);
            return output.ToHtmlString();
        });
        return Encoding.UTF8.GetBytes(text);
    }
}
