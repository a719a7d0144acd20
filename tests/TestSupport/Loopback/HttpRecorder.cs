using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linkwatch.TestSupport;

/// <summary>A Kestrel app on 127.0.0.1:0 standing in for a provider's API: records every request, answers 200.</summary>
public sealed class HttpRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpRecorder(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public sealed record Recorded(string Method, string PathAndQuery, IHeaderDictionary Headers, string Body, long? ContentLength);

    public static async Task<HttpRecorder> StartAsync()
    {
        HttpRecorder? self = null;
        var (app, url) = await LoopbackKestrel.StartAsync(app => app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            self!.Requests.Enqueue(new Recorded(context.Request.Method, context.Request.Path + context.Request.QueryString,
                // A copy: Kestrel reuses the request's header collection once the request is done.
                new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)),
                body, context.Request.ContentLength));
            context.Response.StatusCode = 200;
        }));
        self = new HttpRecorder(app, url.ToString().TrimEnd('/'));
        return self;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
