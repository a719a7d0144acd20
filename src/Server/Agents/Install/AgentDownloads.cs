using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Agents.Install;

/// <summary>
/// The agent builds offered at <c>/downloads</c>: only the file names of the supported platforms and their checksums,
/// looked up in one folder, so no request can name any other file.
/// </summary>
public sealed class AgentDownloads(IOptions<AgentDownloadsOptions> options)
{
    public static readonly IReadOnlyList<string> RuntimeIdentifiers = ["linux-x64", "linux-arm64"];

    private static readonly HashSet<string> FileNames = RuntimeIdentifiers
        .SelectMany(rid => new[] { $"linkwatch-agent-{rid}", $"linkwatch-agent-{rid}.sha256" })
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The full path of <paramref name="fileName"/> when it is one of ours and present; otherwise null.</summary>
    public string? Find(string fileName)
    {
        if (!FileNames.Contains(fileName) || options.Value.DownloadsDir is not { } dir)
            return null;
        var path = Path.Combine(Path.GetFullPath(dir), fileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The platforms with a build in the folder, for the install page.</summary>
    public IReadOnlyList<string> Available() =>
        RuntimeIdentifiers.Where(rid => Find($"linkwatch-agent-{rid}") is not null && Find($"linkwatch-agent-{rid}.sha256") is not null).ToList();
}
