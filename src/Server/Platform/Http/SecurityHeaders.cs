using System.Security.Cryptography;

namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// Headers every answer carries: a Content-Security-Policy, no framing by other sites (clickjacking), no content
/// sniffing, no full URLs in the Referer to other sites, and over https, HSTS (a year) so a browser never tries plain
/// http again.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "Linkwatch.CspNonce";

    /// <summary>
    /// Scripts only from this server, plus the one inline script the dashboard has, its import map, by this
    /// answer's nonce: no inline handler, <c>eval</c> or injected script runs. Styles allow inline because
    /// MudBlazor and Blazor set <c>style</c> attributes and theme <c>&lt;style&gt;</c> blocks at run time (a style
    /// cannot run code). <c>connect-src 'self'</c> covers the circuit's WebSocket. No <c>form-action</c>: single
    /// sign-on posts a form that is redirected to the provider, which that directive would block.
    /// </summary>
    public static string Policy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>This answer's script nonce, for the inline scripts a page renders.</summary>
    public static string? NonceOf(HttpContext context) => context.Items[NonceKey] as string;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // base64url: no '+' or '/', which HTML would write as entities in the nonce attribute.
        var nonce = Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceKey] = nonce;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = Policy(nonce);
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        if (context.Request.IsHttps)
            headers.StrictTransportSecurity = "max-age=31536000";
        return next(context);
    });
}
