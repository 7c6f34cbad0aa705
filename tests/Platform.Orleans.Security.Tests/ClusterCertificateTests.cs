using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Orleans.Security.Tests;

public sealed class ClusterCertificateTests
{
    [Fact]
    public void Create_Defaults_PfxWithPrivateKeyForServerAndClientAuthValidForFiveYears()
    {
        using var certificate = Load(ClusterCertificate.Create());

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("CN=platform-orleans-cluster", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        var usages = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages;
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages.Cast<Oid>().Select(o => o.Value));
        Assert.InRange(certificate.NotBefore.ToUniversalTime(), DateTime.UtcNow.AddHours(-1), DateTime.UtcNow);
        Assert.InRange(certificate.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(5 * 365 - 1), DateTime.UtcNow.AddDays(5 * 365 + 1));
    }

    [Fact]
    public void Create_SubjectAndLifetime_AreUsed()
    {
        using var certificate = Load(ClusterCertificate.Create("CN=bank-cluster", TimeSpan.FromDays(30)));

        Assert.Equal("CN=bank-cluster", certificate.Subject);
        Assert.InRange(certificate.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(29), DateTime.UtcNow.AddDays(31));
    }

    [Fact]
    public void Create_TwoCalls_TwoDifferentCertificates()
    {
        using var first = Load(ClusterCertificate.Create());
        using var second = Load(ClusterCertificate.Create());

        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
    }

    [Fact]
    public void Create_NonPositiveLifetime_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterCertificate.Create(lifetime: TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => ClusterCertificate.Create(" "));
    }

    private static X509Certificate2 Load(string pfx) => X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(pfx), null);
}
