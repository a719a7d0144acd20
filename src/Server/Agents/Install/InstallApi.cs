namespace Linkwatch.Server.Agents.Install;

/// <summary>
/// Anonymous: <c>GET /install/agent.sh</c> (the install script for this server) and <c>GET /downloads/{file}</c> (the agent
/// builds and their checksums). Neither carries a secret: enrolling still needs a token.
/// </summary>
public static class InstallApi
{
    public const string DownloadsPath = "/downloads";

    public static IEndpointRouteBuilder MapInstallApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(InstallScript.Path, Script).AllowAnonymous().Produces<string>(StatusCodes.Status200OK, "text/x-shellscript").ProducesValidationProblem();
        app.MapGet(DownloadsPath + "/{file}", Download).AllowAnonymous().Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream", "text/plain");
        return app;
    }

    public static IResult Script(HttpRequest request, InstallScript script)
    {
        if (script.ServerUrl(request) is not { } url)
            return ValidationErrors.Of("Host", "the request's host does not make a plain http(s) URL; set Server:PublicUrl").ToProblem();
        return TypedResults.Text(InstallScript.For(url), "text/x-shellscript; charset=utf-8");
    }

    public static IResult Download(string file, AgentDownloads downloads)
    {
        if (downloads.Find(file) is not { } path)
            return TypedResults.NotFound();
        var contentType = file.EndsWith(".sha256", StringComparison.Ordinal) ? "text/plain; charset=utf-8" : "application/octet-stream";
        return TypedResults.PhysicalFile(path, contentType, fileDownloadName: file, enableRangeProcessing: true);
    }
}
