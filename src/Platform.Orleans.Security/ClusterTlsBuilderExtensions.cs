using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Connections.Security;

namespace Platform.Orleans.Security;

/// <summary>
/// Mutual TLS between silos and from clients to gateways, pinned to the cluster certificate in
/// <see cref="ClusterCertificate.ConfigurationKey"/>: a silo or client without that very certificate cannot connect.
/// </summary>
/// <remarks>
/// On by default. Without the certificate these methods throw, unless <see cref="ClusterCertificate.EnabledKey"/> is
/// <c>false</c>, which leaves the builder as it is (for a single local process only). A second call changes nothing.
/// </remarks>
public static class ClusterTlsBuilderExtensions
{
    /// <summary>Secures this silo's links to other silos and its gateway with the cluster certificate.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configuration">The configuration that holds the certificate, usually <c>builder.Configuration</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">TLS is on and the certificate is missing or not a usable PFX.</exception>
    /// <example><code>siloBuilder.UseClusterTls(siloBuilder.Configuration);</code></example>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return CertificateToConfigure(builder.Services, configuration) is { } certificate
            ? builder.UseTls(certificate, options => Pin(options, certificate))
            : builder;
    }

    /// <summary>Secures this client's links to the cluster's gateways with the cluster certificate.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configuration">The configuration that holds the certificate, usually <c>builder.Configuration</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">TLS is on and the certificate is missing or not a usable PFX.</exception>
    /// <example><code>clientBuilder.UseClusterTls(clientBuilder.Configuration);</code></example>
    public static IClientBuilder UseClusterTls(this IClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return CertificateToConfigure(builder.Services, configuration) is { } certificate
            ? builder.UseTls(certificate, options => Pin(options, certificate))
            : builder;
    }

    // Null when TLS is off or already on: a second UseTls would wrap every link in a second TLS layer, which a peer
    // configured once cannot read.
    private static X509Certificate2? CertificateToConfigure(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(ClusterTlsMarker)))
        {
            return null;
        }

        var certificate = ClusterCertificate.Load(configuration);
        if (certificate is not null)
        {
            services.AddSingleton<ClusterTlsMarker>();
        }

        return certificate;
    }

    private static void Pin(TlsOptions options, X509Certificate2 certificate)
    {
        var pinned = certificate.RawData;
        // Both sides show a certificate, on silo and gateway links alike.
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Self-signed, so the platform reports chain and name errors for it: the exact match is the whole trust decision.
        options.RemoteCertificateValidation = (remote, _, _) => remote.RawDataMemory.Span.SequenceEqual(pinned);
    }

    private sealed class ClusterTlsMarker;
}
