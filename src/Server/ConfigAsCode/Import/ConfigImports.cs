namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>The sources a configuration can be imported from, by the name <c>?from=</c> and the dashboard use.</summary>
public static class ConfigImports
{
    public const string UptimeKuma = "uptime-kuma";
    public const string Gatus = "gatus";

    public static readonly IReadOnlyList<string> Sources = [UptimeKuma, Gatus];

    /// <summary>The file translated into Linkwatch's config YAML; <see cref="ImportFormatException"/> when it is not such a file.</summary>
    public static ImportResult Translate(string source, string text) => source switch
    {
        UptimeKuma => UptimeKumaImport.Translate(text),
        Gatus => GatusImport.Translate(text),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown import source"),
    };
}
