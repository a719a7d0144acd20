namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// Headers every answer carries: no framing by other sites (clickjacking), no content sniffing, no full URLs in the
/// Referer to other sites, and over https, HSTS (a year) so a browser never tries plain http again.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        if (context.Request.IsHttps)
            headers.StrictTransportSecurity = "max-age=31536000";
        return next(context);
    });
}
