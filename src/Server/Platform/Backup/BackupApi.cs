namespace Linkwatch.Server.Platform.Backup;

/// <summary>
/// <c>POST /api/backup</c> (admins): a zip of a consistent copy of the store and of the Data Protection keys;
/// 409 while another backup is being taken. The zip is deleted once sent.
/// </summary>
public static class BackupApi
{
    public const string Path = "/api/backup";

    public static IEndpointRouteBuilder MapBackup(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, CreateAsync).RequireAuthorization(Policies.Administer)
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip").ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<IResult> CreateAsync(StoreBackup backup, CancellationToken cancellationToken)
    {
        if (await backup.CreateAsync(cancellationToken) is not { } zip)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "a backup is being taken; try again when it is done");
        var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        return TypedResults.File(stream, "application/zip", System.IO.Path.GetFileName(zip));
    }
}
