using System.Globalization;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// The expiry judgement of every probe that completes a TLS handshake (tls, https, wss): an ended certificate is
/// <c>cert_invalid</c> (reached only with <c>insecure</c>, as a trusted chain never validates an expired leaf), one that
/// ends within the warning days is <c>cert_expiring</c>. The message names the certificate to renew.
/// </summary>
internal static class CertificateJudge
{
    public static (string Verdict, string? Error) Judge(string subject, DateTime notAfterUtc, int warningDays, DateTimeOffset now)
    {
        var notAfter = new DateTimeOffset(DateTime.SpecifyKind(notAfterUtc, DateTimeKind.Utc), TimeSpan.Zero);
        if (notAfter <= now)
            return (Verdicts.CertInvalid, $"the certificate has expired{Describe(subject, notAfterUtc)}");
        if (notAfter - now <= TimeSpan.FromDays(warningDays))
        {
            var days = (notAfter - now).TotalDays;
            return (Verdicts.CertExpiring,
                string.Create(CultureInfo.InvariantCulture, $"the certificate ends in {days:0.#} days{Describe(subject, notAfterUtc)}"));
        }
        return (Verdicts.Ok, null);
    }

    /// <summary>The verdict of a request that otherwise worked, given what the handshake saw (nothing for plain HTTP).</summary>
    public static (string Verdict, string? Error) JudgeObserved(TlsObservation tls, int warningDays, DateTimeOffset now) =>
        tls.Leaf is { } leaf ? Judge(leaf.Subject, leaf.NotAfter, warningDays, now) : (Verdicts.Ok, null);

    public static string Describe(string subject, DateTime notAfterUtc) =>
        string.Create(CultureInfo.InvariantCulture, $" (subject {subject}, notAfter {notAfterUtc:yyyy-MM-ddTHH:mm:ssZ})");
}
