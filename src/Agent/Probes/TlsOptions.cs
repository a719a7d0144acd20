namespace Linkwatch.Agent.Probes;

/// <summary>Options of the <c>tls</c> kind.</summary>
public sealed record TlsOptions
{
    /// <summary>Two weeks: time to renew by hand after the first warning, even over a holiday.</summary>
    public const int DefaultExpiryWarningDays = 14;

    /// <summary>Server name to send and verify; null uses the target host (an address sends no SNI).</summary>
    public string? Sni { get; init; }
    /// <summary>Accept any chain and name; expiry is still reported.</summary>
    public bool Insecure { get; init; }
    /// <summary>PEM file of CA certificates trusted in addition to the system's.</summary>
    public string? CaFile { get; init; }
    public int ExpiryWarningDays { get; init; } = DefaultExpiryWarningDays;

    public static TlsOptions Read(ProbeOptionReader reader)
    {
        var options = new TlsOptions
        {
            Sni = reader.GetNonEmptyString("sni"),
            Insecure = reader.GetBool("insecure", false),
            CaFile = reader.GetNonEmptyString("caFile"),
            ExpiryWarningDays = reader.GetInt("expiryWarningDays", 0, 3650) ?? DefaultExpiryWarningDays,
        };
        if (options.CaFile is { } caFile && !File.Exists(caFile))
            reader.AddError("caFile", $"caFile '{caFile}' does not exist");
        if (options.Sni is { } sni && Uri.CheckHostName(sni) != UriHostNameType.Dns)
            reader.AddError("sni", $"sni '{sni}' is not a host name");
        return options;
    }
}
