using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using ServiceDefaults;
using ServiceDefaults.Resilience;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Adds the services behind the standard resilience handler and binds
    /// <see cref="HttpClientResilienceOptions"/> from configuration section
    /// <c>HttpClientResilience</c> and <c>HttpClientResilience:{clientName}</c>.
    /// <see cref="AddServiceDefaults{TBuilder}"/> adds the handler to every client.
    /// </summary>
    /// <typeparam name="TBuilder">The host application builder type.</typeparam>
    /// <param name="builder">The builder of the application.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static TBuilder AddStandardResilience<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IConfigureOptions<HttpClientResilienceOptions>, HttpClientResilienceOptionsSetup>());
        builder.Services.TryAddSingleton<HttpResiliencePipelines>();
        return builder;
    }

    /// <summary>
    /// Adds the standard resilience handler (total timeout → retry → circuit breaker → attempt
    /// timeout) to one client, or, inside <c>ConfigureHttpClientDefaults</c>, to every client,
    /// each with its own pipeline and circuit. Needs <see cref="AddStandardResilience{TBuilder}"/>.
    /// </summary>
    /// <param name="http">The client builder.</param>
    /// <returns>The same <paramref name="http"/>, for chaining.</returns>
    public static IHttpClientBuilder AddStandardResilienceHandler(this IHttpClientBuilder http)
    {
        ArgumentNullException.ThrowIfNull(http);

        // The handler builder knows the client's name, which a handler factory would not; a null
        // builder name (ConfigureHttpClientDefaults) configures every client.
        http.Services.Configure<HttpClientFactoryOptions>(http.Name, options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                var pipelines = handlers.Services.GetRequiredService<HttpResiliencePipelines>();
                handlers.AdditionalHandlers.Add(new ResilienceHandler(pipelines.Get(handlers.Name ?? string.Empty)));
            }));
        return http;
    }

    /// <summary>
    /// Configures the standard resilience of the client named <paramref name="clientName"/> in
    /// code; runs after configuration binding, so it wins over configuration.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="clientName">The client's name as given to <c>AddHttpClient</c> (typed clients: the type's name).</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same <paramref name="services"/>, for chaining.</returns>
    /// <example><code>builder.Services.ConfigureHttpClientResilience("catalog", o => o.MaxRetryAttempts = 5);</code></example>
    public static IServiceCollection ConfigureHttpClientResilience(
        this IServiceCollection services, string clientName, Action<HttpClientResilienceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clientName);
        ArgumentNullException.ThrowIfNull(configure);
        return services.Configure(clientName, configure);
    }
}
