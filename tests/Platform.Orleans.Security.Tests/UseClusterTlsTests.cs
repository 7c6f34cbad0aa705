using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Orleans.Security.Tests.Infrastructure;

namespace Platform.Orleans.Security.Tests;

/// <summary>What <c>UseClusterTls</c> makes of its configuration, on a silo and on a client.</summary>
public sealed class UseClusterTlsTests
{
    public static TheoryData<bool> OnSiloAndClient => [true, false];

    [Theory]
    [MemberData(nameof(OnSiloAndClient))]
    public void UseClusterTls_NoCertificate_ThrowsNamingTheKeyTheAppHostAndTheOptOut(bool silo)
    {
        var error = Assert.IsType<InvalidOperationException>(Record.Exception(() => Configure(silo, [])));

        Assert.Contains("'Orleans:Tls:Certificate'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans__Tls__Certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains("AppHost", error.Message, StringComparison.Ordinal);
        Assert.Contains("Orleans:Tls:Enabled=false", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OnSiloAndClient))]
    public void UseClusterTls_EmptyCertificate_Throws(bool silo)
    {
        var error = Assert.IsType<InvalidOperationException>(
            Record.Exception(() => Configure(silo, new() { ["Orleans:Tls:Certificate"] = " " })));

        Assert.Contains("'Orleans:Tls:Certificate'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OnSiloAndClient))]
    public void UseClusterTls_Disabled_LeavesTheBuilderAsItIs(bool silo)
    {
        Assert.Equal(0, Configure(silo, new() { ["Orleans:Tls:Enabled"] = "false" }));
    }

    [Theory]
    [MemberData(nameof(OnSiloAndClient))]
    public void UseClusterTls_ClusterCertificate_ConfiguresTls(bool silo)
    {
        Assert.True(Configure(silo, new() { ["Orleans:Tls:Certificate"] = ClusterCertificate.Create() }) > 0);
    }

    [Fact]
    public void UseClusterTls_EnabledNotABoolean_ThrowsNamingTheKey()
    {
        var error = Assert.IsType<InvalidOperationException>(
            Record.Exception(() => Configure(true, new() { ["Orleans:Tls:Enabled"] = "maybe" })));

        Assert.Contains("'Orleans:Tls:Enabled' is 'maybe'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseClusterTls_GarbageBase64_ThrowsSayingItIsNotBase64()
    {
        var error = Assert.IsType<InvalidOperationException>(
            Record.Exception(() => Configure(true, new() { ["Orleans:Tls:Certificate"] = "not a certificate!" })));

        Assert.Contains("'Orleans:Tls:Certificate' is not base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseClusterTls_Base64ButNoPfx_ThrowsSayingItIsNotAPfx()
    {
        var error = Assert.IsType<InvalidOperationException>(
            Record.Exception(() => Configure(true, new() { ["Orleans:Tls:Certificate"] = Convert.ToBase64String("hello"u8) })));

        Assert.Contains("'Orleans:Tls:Certificate' is base64 but not a PKCS#12 (PFX)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseClusterTls_PfxWithoutPrivateKey_ThrowsSayingSo()
    {
        using var full = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(ClusterCertificate.Create()), null);
        using var publicOnly = X509CertificateLoader.LoadCertificate(full.RawData);
        var pfx = Convert.ToBase64String(publicOnly.Export(X509ContentType.Pkcs12));

        var error = Assert.IsType<InvalidOperationException>(
            Record.Exception(() => Configure(false, new() { ["Orleans:Tls:Certificate"] = pfx })));

        Assert.Contains("has no private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseClusterTls_ExpiredCertificate_ThrowsWithItsValidity()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=expired", key, HashAlgorithmName.SHA256);
        using var expired = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var pfx = Convert.ToBase64String(expired.Export(X509ContentType.Pkcs12));

        var error = Assert.IsType<InvalidOperationException>(
            Record.Exception(() => Configure(true, new() { ["Orleans:Tls:Certificate"] = pfx })));

        Assert.Contains("is valid only from 2020-01-01 00:00:00Z to 2021-01-01 00:00:00Z", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OnSiloAndClient))]
    public void UseClusterTls_SecondCall_AddsNothing(bool silo)
    {
        var settings = new Dictionary<string, string?> { ["Orleans:Tls:Certificate"] = ClusterCertificate.Create() };

        Assert.Equal(0, Configure(silo, settings, callsBefore: 1));
    }

    [Fact]
    public async Task UseClusterTls_DisabledEverywhere_PlainClientConnects()
    {
        await using var cluster = await TlsClusters.StartAsync(new Dictionary<string, string?> { ["Orleans:Tls:Enabled"] = "false" }, silos: 1);

        Assert.Null(await TlsClusters.TryConnectAsync(cluster, (_, _) => { }));
    }

    /// <summary>
    /// Calls <c>UseClusterTls</c> on a fresh silo or client builder, after <paramref name="callsBefore"/> calls;
    /// returns how many services the last call added.
    /// </summary>
    private static int Configure(bool silo, Dictionary<string, string?> settings, int callsBefore = 0)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var added = -1;
        if (silo)
        {
            builder.UseOrleans(s => added = CountAdded(s.Services, callsBefore, () => s.UseClusterTls(builder.Configuration)));
        }
        else
        {
            builder.UseOrleansClient(c => added = CountAdded(c.Services, callsBefore, () => c.UseClusterTls(builder.Configuration)));
        }

        return added;
    }

    private static int CountAdded(IServiceCollection services, int callsBefore, Action configure)
    {
        for (var call = 0; call < callsBefore; call++)
        {
            configure();
        }

        var before = services.Count;
        configure();
        return services.Count - before;
    }
}
