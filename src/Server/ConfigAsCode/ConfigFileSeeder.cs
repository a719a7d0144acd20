using Microsoft.Extensions.Options;

namespace Linkwatch.Server.ConfigAsCode;

/// <summary>
/// <c>Config:File</c>: a config file applied at every start, after the migrations and before the server is ready, so a
/// repository of YAML is the installation's truth (GitOps). A file that is missing or has an error stops the start,
/// naming the path in the file; nothing of it is applied then.
/// </summary>
public sealed partial class ConfigFileSeeder(IOptions<ConfigOptions> options, ILogger<ConfigFileSeeder> logger) : IStoreSeeder
{
    public const string Key = "Config:File";

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (options.Value.File is not { Length: > 0 } setting)
            return;
        var path = Path.GetFullPath(setting);
        string yaml;
        try
        {
            yaml = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Key}: cannot read {path}: {ex.Message}", ex);
        }
        var outcome = await services.GetRequiredService<ConfigService>().RunAsync(yaml, apply: true, cancellationToken);
        if (!outcome.Ok)
        {
            var first = outcome.Errors.First();
            foreach (var (field, messages) in outcome.Errors)
                Log.Invalid(logger, path, field, string.Join("; ", messages));
            throw new InvalidOperationException(
                $"{Key} {path}: {first.Key}: {string.Join("; ", first.Value)}" + (outcome.Errors.Count > 1 ? $" (and {outcome.Errors.Count - 1} more)" : ""));
        }
        Log.Applied(logger, path, outcome.Changes.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "Config file {Path}: {Field}: {Problem}")]
        public static partial void Invalid(ILogger logger, string path, string field, string problem);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Config file {Path} applied: {Changes} changes")]
        public static partial void Applied(ILogger logger, string path, int changes);
    }
}
