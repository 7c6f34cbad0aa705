using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Platform.Orleans.Security;

/// <summary>
/// The one self-signed certificate that every silo and client of a cluster presents and accepts: holding it is what
/// lets a process join.
/// </summary>
public static class ClusterCertificate
{
    /// <summary>The configuration key that holds the certificate: a base64-encoded PKCS#12 (PFX) without password.</summary>
    public const string ConfigurationKey = "Orleans:Tls:Certificate";

    /// <summary>The environment variable that sets <see cref="ConfigurationKey"/>.</summary>
    public const string EnvironmentVariable = "Orleans__Tls__Certificate";

    /// <summary>The configuration key that turns cluster TLS off when <c>false</c>; it is on when missing.</summary>
    public const string EnabledKey = "Orleans:Tls:Enabled";

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(5 * 365);

    /// <summary>
    /// Creates a new self-signed ECDSA P-256 certificate, usable for both TLS server and client authentication.
    /// </summary>
    /// <param name="subjectName">The certificate's subject, an X.500 distinguished name.</param>
    /// <param name="lifetime">How long the certificate is valid from now; five years when <see langword="null"/>.</param>
    /// <returns>The certificate with its private key, as a base64-encoded PKCS#12 (PFX) without password.</returns>
    /// <example>
    /// <code>
    /// // What the AppHost hands to every silo and client as Orleans__Tls__Certificate:
    /// var certificate = ClusterCertificate.Create();
    /// </code>
    /// </example>
    public static string Create(string subjectName = "CN=platform-orleans-cluster", TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectName);
        var validFor = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero, nameof(lifetime));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        // Back-dated a little so that a host whose clock runs slightly behind still accepts it.
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + validFor);
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));
    }

    /// <summary>
    /// The certificate that <paramref name="configuration"/> names, or <see langword="null"/> when TLS is turned off.
    /// </summary>
    internal static X509Certificate2? Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var enabled = configuration[EnabledKey];
        if (!string.IsNullOrWhiteSpace(enabled))
        {
            if (!bool.TryParse(enabled, out var isEnabled))
            {
                throw new InvalidOperationException($"Configuration key '{EnabledKey}' is '{enabled}'; use 'true' or 'false'.");
            }

            if (!isEnabled)
            {
                return null;
            }
        }

        var encoded = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(encoded))
        {
            throw new InvalidOperationException(
                $"Orleans cluster TLS is on, but configuration key '{ConfigurationKey}' (environment variable {EnvironmentVariable}) is missing or empty. "
                + "The Aspire AppHost provides it: give this project the cluster certificate with WithOrleansClusterCertificate(...). "
                + $"For a single local process only, opt out with '{EnabledKey}=false'.");
        }

        byte[] pfx;
        try
        {
            pfx = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(
                $"Configuration key '{ConfigurationKey}' is not base64. It must hold a base64-encoded PKCS#12 (PFX) certificate without password, as ClusterCertificate.Create() makes.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pfx, password: null);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"Configuration key '{ConfigurationKey}' is base64 but not a PKCS#12 (PFX) certificate without password ({ex.Message}). Use the value ClusterCertificate.Create() makes.",
                ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"The certificate in configuration key '{ConfigurationKey}' has no private key, so this process cannot prove it holds it. Use the value ClusterCertificate.Create() makes.");
        }

        // The pin ignores the chain, and with it the validity period: check that here, before any link depends on it.
        var now = DateTime.Now;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            var (from, to) = (certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
            certificate.Dispose();
            throw new InvalidOperationException(
                $"The certificate in configuration key '{ConfigurationKey}' is valid only from {from:u} to {to:u}. "
                + "Give every silo and client a new one from ClusterCertificate.Create(); an AppHost makes one when the parameter's user secret is removed.");
        }

        return certificate;
    }
}
