using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Agents.Install;

/// <summary>A downloads folder that is set must exist: a typo would otherwise only show as 404s on agent hosts.</summary>
public sealed class AgentDownloadsOptionsValidator : IValidateOptions<AgentDownloadsOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentDownloadsOptions options) =>
        options.DownloadsDir is { } dir && !Directory.Exists(Path.GetFullPath(dir))
            ? ValidateOptionsResult.Fail($"{AgentDownloadsOptions.Section}:DownloadsDir '{dir}' is not a directory.")
            : ValidateOptionsResult.Success;
}
