using Aspire.Hosting.ApplicationModel;
using Platform.Orleans.Security;

namespace Aspire.Hosting;

/// <summary>
/// The Orleans cluster certificate in an AppHost: one self-signed certificate that every silo and client gets as
/// <c>Orleans__Tls__Certificate</c> and that <c>UseClusterTls</c> pins its links to.
/// </summary>
public static class OrleansClusterCertificateBuilderExtensions
{
    /// <summary>
    /// Adds the cluster certificate as a secret parameter. A run generates it with <see cref="ClusterCertificate.Create"/>
    /// the first time and keeps it in the AppHost's user secrets (<c>Parameters:{name}</c>), so later runs reuse it;
    /// a configured <c>Parameters:{name}</c> wins. A published manifest asks for the value at deploy time.
    /// </summary>
    /// <param name="builder">The distributed application builder.</param>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The parameter, to pass to <see cref="WithOrleansClusterCertificate{T}"/>.</returns>
    /// <example>
    /// <code>
    /// var certificate = builder.AddOrleansClusterCertificate("orleans-certificate");
    /// builder.AddProject&lt;Projects.Bank_Silo&gt;("silo").WithOrleansClusterCertificate(certificate);
    /// </code>
    /// </example>
    public static IResourceBuilder<ParameterResource> AddOrleansClusterCertificate(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        // azd cannot make a certificate: without a default, the manifest leaves the value to whoever deploys.
        var parameter = builder.ExecutionContext.IsPublishMode
            ? builder.AddParameter(name, secret: true)
            : builder.AddParameter(name, new ClusterCertificateParameterDefault(), secret: true, persist: true);
        return parameter.WithDescription(
            "The Orleans cluster certificate: a base64-encoded PKCS#12 (PFX) without password, as `ClusterCertificate.Create()` makes.",
            enableMarkdown: true);
    }

    /// <summary>
    /// Hands the cluster certificate to a silo or client as <c>Orleans__Tls__Certificate</c>; a second call replaces the first.
    /// </summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <param name="builder">The silo or client resource.</param>
    /// <param name="certificate">The parameter from <see cref="AddOrleansClusterCertificate"/>.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<T> WithOrleansClusterCertificate<T>(this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> certificate)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(certificate);
        return builder.WithEnvironment(ClusterCertificate.EnvironmentVariable, certificate);
    }
}
