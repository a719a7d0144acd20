using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>
/// SmtpClient's STARTTLS takes its certificate check from the process-wide
/// <see cref="ServicePointManager.ServerCertificateValidationCallback"/>; it has no per-client hook.
/// One callback is installed once and asks the trust of the send in progress, carried by an
/// <see cref="AsyncLocal{T}"/>, so channels with different trust settings can send at the same time.
/// Outside an email send (no trust set) it keeps the default: only certificates without errors.
/// </summary>
public static class StartTlsCertificateHook
{
    private static readonly AsyncLocal<EmailTrust?> Current = new();
    private static int _installed;

    /// <summary>Makes <paramref name="trust"/> decide for STARTTLS handshakes started by this async flow until disposed.</summary>
    public static IDisposable Use(EmailTrust trust)
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            // SYSLIB0014: ServicePointManager is obsolete for HttpWebRequest, but it is still the only place
            // System.Net.Mail.SmtpClient reads a certificate callback from (MailKit is not on the package mirror).
#pragma warning disable SYSLIB0014
            ServicePointManager.ServerCertificateValidationCallback = Validate;
#pragma warning restore SYSLIB0014
        }
        var previous = Current.Value;
        Current.Value = trust;
        return new Restore(previous);
    }

    private static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        Current.Value is { } trust ? trust.Validate(certificate, chain, errors) : errors == SslPolicyErrors.None;

    private sealed class Restore(EmailTrust? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
