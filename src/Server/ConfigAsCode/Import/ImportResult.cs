namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// A translated configuration: Linkwatch config-as-code YAML (see <c>POST /api/config</c>) and what the user must
/// know about it: what was not translated, and what to do before applying it (environment variables to set).
/// </summary>
public sealed record ImportResult(string Yaml, IReadOnlyList<ImportNote> Notes);
