using System.Globalization;
using System.Net.Mail;

namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>
/// An email channel's relay (<c>host</c>, <c>port</c>, <c>security</c>, optional <c>username</c>/<c>password</c>),
/// its addresses, and how to trust a relay with a self-signed or private-CA certificate.
/// </summary>
public sealed record EmailSettings(
    string? Host, int? Port, string Security, string? Username, string? Password, string? From, IReadOnlyList<string>? To,
    string? TrustCertificateFingerprint, string? CaFile) : IChannelSettings<EmailSettings>
{
    public static IReadOnlyList<string> SecretFields => ["password"];

    public static EmailSettings Read(SettingReader settings) => new(
        settings.String("host"), settings.Int("port"), settings.String("security") ?? EmailSecurity.StartTls,
        settings.String("username"), settings.String("password"), settings.String("from"), settings.StringList("to"),
        settings.String("trustCertificateFingerprint"), settings.String("caFile"));

    public int EffectivePort => Port ?? EmailSecurity.DefaultPort(Security);

    /// <summary>The pin as <see cref="System.Security.Cryptography.X509Certificates.X509Certificate.GetCertHashString()"/> writes it: upper-case hex, no colons.</summary>
    public string? Fingerprint => TrustCertificateFingerprint?.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>Checked with System.Net.Mail's parser, which refuses what a relay would refuse (bare names, spaces).</summary>
    public static MailAddress? Address(string? text) =>
        !string.IsNullOrWhiteSpace(text) && MailAddress.TryCreate(text, out var address) ? address : null;

    public IEnumerable<SettingError> Validate()
    {
        var secure = Security != EmailSecurity.None;
        var pinned = TrustCertificateFingerprint is not null;
        return SettingRules.Check(
            SettingRules.Required("host", Host),
            SettingRules.OneOf("security", Security, EmailSecurity.All),
            SettingRules.Range("port", Port, 1, 65535),
            SettingRules.NonEmpty("username", Username),
            Username is not null && Password is null ? new("password", "password is required with a username") : null,
            Password is not null && Username is null ? new("username", "username is required with a password") : null,
            // Without TLS the password would cross the network in clear text; refuse rather than leak it.
            Username is not null && !secure ? new("security", "a username and password need security starttls or tls") : null,
            Address(From) is null ? new("from", "from is required (an email address)") : null,
            To is not { Count: > 0 } || To.Any(a => Address(a) is null) ? new("to", "to is required: a list of email addresses") : null,
            pinned && (Fingerprint is not { Length: 64 } f || !f.All(char.IsAsciiHexDigit))
                ? new("trustCertificateFingerprint", "trustCertificateFingerprint must be the certificate's SHA-256 fingerprint (64 hex digits, colons allowed)")
                : null,
            CaFile is not null && (!Path.IsPathFullyQualified(CaFile) || !File.Exists(CaFile))
                ? new("caFile", "caFile must be the absolute path of a PEM file the server can read")
                : null,
            pinned && CaFile is not null ? new("caFile", "give trustCertificateFingerprint or caFile, not both") : null,
            (pinned || CaFile is not null) && !secure ? new("security", "trustCertificateFingerprint and caFile need security starttls or tls") : null);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Security}://{Host}:{EffectivePort}");
}
