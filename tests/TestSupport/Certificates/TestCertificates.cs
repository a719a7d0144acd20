using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkwatch.TestSupport;

/// <summary>Certificates made in the test, valid for localhost and 127.0.0.1: self-signed, or a private CA and a leaf it signed.</summary>
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

    /// <summary>A self-signed server certificate (also usable as its own CA) for <paramref name="name"/> and 127.0.0.1.</summary>
    public static X509Certificate2 Create(DateTimeOffset notBefore, DateTimeOffset notAfter, string name = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public static X509Certificate2 Valid() => Create(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));

    /// <summary>Writes the certificate (no key) as PEM, for caFile.</summary>
    public static string WritePem(X509Certificate2 certificate, string directory)
    {
        var path = Path.Combine(directory, $"ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
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
