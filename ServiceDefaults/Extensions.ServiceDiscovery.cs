using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceDefaults.ServiceDiscovery;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Adds configuration-based service discovery: an <see cref="HttpClient"/> request to
    /// <c>http://name</c>, <c>https://name</c> or <c>https+http://name</c> (https preferred) goes to an
    /// address from configuration <c>services:name:{http|https}:{index}</c>, round robin over the
    /// replicas listed. <see cref="AddServiceDefaults{TBuilder}"/> adds the handler to every client.
    /// </summary>
    /// <typeparam name="TBuilder">The host application builder type.</typeparam>
    /// <param name="builder">The builder of the application.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static TBuilder AddServiceDiscovery<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.TryAddSingleton<ServiceEndpointResolver>();
        builder.Services.TryAddTransient<ServiceDiscoveryHandler>();
        return builder;
    }

    /// <summary>
    /// Adds the service discovery handler to one client (or, inside
    /// <c>ConfigureHttpClientDefaults</c>, to every client). Needs
    /// <see cref="AddServiceDiscovery{TBuilder}"/>.
    /// </summary>
    /// <param name="http">The client builder.</param>
    /// <returns>The same <paramref name="http"/>, for chaining.</returns>
    public static IHttpClientBuilder AddServiceDiscoveryHandler(this IHttpClientBuilder http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.AddHttpMessageHandler<ServiceDiscoveryHandler>();
    }
}
