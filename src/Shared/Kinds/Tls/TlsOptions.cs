namespace Linkwatch.Shared.Kinds.Tls;

/// <summary>Options of the <c>tls</c> kind.</summary>
public sealed record TlsOptions
{
    /// <summary>The kind's descriptor. The responder serves no TLS, so there is no mesh target.</summary>
    public static CheckKind<TlsOptions> Descriptor { get; } = new(CheckKinds.Tls, TargetForm.HostPort, Read);

    /// <summary>Two weeks: time to renew by hand after the first warning, even over a holiday.</summary>
    public const int DefaultExpiryWarningDays = CertificateExpiry.DefaultWarningDays;

    /// <summary>Server name to send and verify; null uses the target host (an address sends no SNI).</summary>
    public string? Sni { get; init; }
    /// <summary>Accept any chain and name; expiry is still reported.</summary>
    public bool Insecure { get; init; }
    /// <summary>PEM file of CA certificates trusted in addition to the system's.</summary>
    public string? CaFile { get; init; }
    public int ExpiryWarningDays { get; init; } = DefaultExpiryWarningDays;

    public static TlsOptions Read(CheckOptionReader reader)
    {
        var options = new TlsOptions
        {
            Sni = reader.GetHostName("sni"),
            Insecure = reader.GetBool("insecure", false),
            CaFile = reader.GetExistingFile("caFile"),
            ExpiryWarningDays = CertificateExpiry.Read(reader),
        };
        return options;
    }
}
