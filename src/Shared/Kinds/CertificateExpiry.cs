namespace Linkwatch.Shared.Kinds;

/// <summary>
/// The <c>expiryWarningDays</c> option every kind that sees a server certificate reads (tls, and http and websocket
/// over TLS): a certificate that ends within that many days is <c>cert_expiring</c> (degraded).
/// </summary>
public static class CertificateExpiry
{
    public const string Name = "expiryWarningDays";

    /// <summary>Two weeks: time to renew by hand after the first warning, even over a holiday.</summary>
    public const int DefaultWarningDays = 14;

    /// <summary>Ten years: longer than any certificate a public CA issues.</summary>
    public const int MaxWarningDays = 3650;

    public static int Read(CheckOptionReader reader) => reader.GetInt(Name, 0, MaxWarningDays) ?? DefaultWarningDays;
}
