using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;

namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>An email channel's settings, parsed and checked once; <see cref="Parse"/> is both validation and reading.</summary>
public sealed record EmailSettings(
    string Host, int Port, string Security, string? Username, string? Password, MailAddress From, IReadOnlyList<MailAddress> To,
    string? TrustCertificateFingerprint, string? CaFile)
{
    public static (EmailSettings? Settings, List<SettingError> Errors) Parse(JsonElement settings)
    {
        var errors = ChannelSettings.Start(settings);
        if (errors.Count > 0)
            return (null, errors);

        ChannelSettings.RequireString(settings, "host", errors);
        var security = ChannelSettings.String(settings, "security") ?? EmailSecurity.StartTls;
        if (ChannelSettings.Has(settings, "security") && !EmailSecurity.All.Contains(ChannelSettings.String(settings, "security")))
            errors.Add(new("security", $"security must be one of: {string.Join(", ", EmailSecurity.All)}"));
        var port = ChannelSettings.Int(settings, "port") ?? EmailSecurity.DefaultPort(security);
        if (ChannelSettings.Has(settings, "port") && ChannelSettings.Int(settings, "port") is not (>= 1 and <= 65535))
            errors.Add(new("port", "port must be a number between 1 and 65535"));

        var username = ChannelSettings.String(settings, "username");
        var password = ChannelSettings.String(settings, "password");
        if (ChannelSettings.Has(settings, "username") && string.IsNullOrEmpty(username))
            errors.Add(new("username", "username must be a non-empty string"));
        if (ChannelSettings.Has(settings, "password") && password is null)
            errors.Add(new("password", "password must be a string"));
        if (username is not null && password is null)
            errors.Add(new("password", "password is required with a username"));
        if (password is not null && username is null)
            errors.Add(new("username", "username is required with a password"));
        if (username is not null && security == EmailSecurity.None)
            // SmtpClient would send the password in clear text; refuse rather than leak it.
            errors.Add(new("security", "a username and password need security starttls or tls"));

        var from = Address(ChannelSettings.String(settings, "from"));
        if (from is null)
            errors.Add(new("from", "from is required (an email address)"));
        var toTexts = ChannelSettings.StringList(settings, "to");
        var to = toTexts?.Select(Address).ToList();
        if (to is null || to.Count == 0 || to.Any(a => a is null))
            errors.Add(new("to", "to is required: a list of email addresses"));

        var fingerprint = ChannelSettings.String(settings, "trustCertificateFingerprint");
        var normalized = fingerprint?.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
        if (ChannelSettings.Has(settings, "trustCertificateFingerprint")
            && (normalized is not { Length: 64 } || !normalized.All(char.IsAsciiHexDigit)))
            errors.Add(new("trustCertificateFingerprint", "trustCertificateFingerprint must be the certificate's SHA-256 fingerprint (64 hex digits, colons allowed)"));
        var caFile = ChannelSettings.String(settings, "caFile");
        if (ChannelSettings.Has(settings, "caFile") && (caFile is null || !Path.IsPathFullyQualified(caFile) || !File.Exists(caFile)))
            errors.Add(new("caFile", "caFile must be the absolute path of a PEM file the server can read"));
        if (fingerprint is not null && caFile is not null)
            errors.Add(new("caFile", "give trustCertificateFingerprint or caFile, not both"));
        if ((fingerprint is not null || caFile is not null) && security == EmailSecurity.None)
            errors.Add(new("security", "trustCertificateFingerprint and caFile need security starttls or tls"));

        if (errors.Count > 0)
            return (null, errors);
        return (new EmailSettings(ChannelSettings.String(settings, "host")!, port, security, username, password, from!, to!.Select(a => a!).ToList(),
            normalized, caFile), errors);
    }

    private static MailAddress? Address(string? text) =>
        !string.IsNullOrWhiteSpace(text) && MailAddress.TryCreate(text, out var address) ? address : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Security}://{Host}:{Port}");
}
