using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Linkwatch.Agent.Probes;

/// <summary>
/// Checks a server certificate for a probe and remembers when and why: the handler hides the
/// handshake, and the validation callback is the one moment of it a caller can observe.
/// </summary>
internal sealed class TlsObservation
{
    /// <summary>Stopwatch timestamp of the certificate check; 0 when the handshake never got there.</summary>
    public long CheckedAt { get; private set; }

    /// <summary>Why the certificate was rejected, when it was.</summary>
    public string? Problem { get; private set; }

    /// <summary>The leaf's subject and end, once seen: what the expiry judgement needs, kept without the certificate.</summary>
    public (string Subject, DateTime NotAfter)? Leaf { get; private set; }

    public bool Check(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors, bool insecure,
        X509Certificate2Collection? extraRoots)
    {
        CheckedAt = Stopwatch.GetTimestamp();
        if (certificate is not null)
            Leaf = (certificate.Subject, certificate.NotAfter.ToUniversalTime());
        if (insecure || errors == SslPolicyErrors.None)
            return true;
        if (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && extraRoots is { Count: > 0 })
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
            // A private CA rarely publishes revocation lists the agent could reach.
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
            if (custom.Build(certificate))
                return true;
            Problem = string.Join(", ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
            return false;
        }
        Problem = errors switch
        {
            SslPolicyErrors.RemoteCertificateNameMismatch => "the name does not match",
            SslPolicyErrors.RemoteCertificateNotAvailable => "no certificate",
            SslPolicyErrors.RemoteCertificateChainErrors => chain is null
                ? "untrusted chain"
                : "untrusted chain: " + string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0)),
            _ => errors.ToString(),
        };
        return false;
    }
}
