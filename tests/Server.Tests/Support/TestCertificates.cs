using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkwatch.Server.Tests.Support;

/// <summary>Certificates made in the test: a self-signed one for 127.0.0.1, or a private CA and a leaf it signed.</summary>
public static class TestCertificates
{
    public sealed record Pem(string CertPem, string KeyPem, string Sha256, string? CaPem);

    public static Pem SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = Leaf(key).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return new(cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), cert.GetCertHashString(HashAlgorithmName.SHA256), null);
    }

    public static Pem SignedByPrivateCa()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Linkwatch test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = Leaf(key).Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4, 5, 6, 7, 8]);
        return new(leaf.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), leaf.GetCertHashString(HashAlgorithmName.SHA256), ca.ExportCertificatePem());
    }

    private static CertificateRequest Leaf(ECDsa key)
    {
        var request = new CertificateRequest("CN=relay.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }
}
