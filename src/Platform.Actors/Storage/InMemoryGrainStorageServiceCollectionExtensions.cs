using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Actors.Storage;

/// <summary>Registers <see cref="InMemoryGrainStorage"/>.</summary>
public static class InMemoryGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="InMemoryGrainStorage"/> as the keyed singleton <see cref="IGrainStorage"/> named <paramref name="name"/>,
    /// replacing any storage registered under that name; the runtime resolves it with
    /// <c>GetRequiredKeyedService&lt;IGrainStorage&gt;(name)</c>. For tests only: state is lost when the process exits.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The storage name grains refer to, e.g. in <c>[PersistentState("balance", "Default")]</c>.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddInMemoryGrainStorage(this IServiceCollection services, string name = "Default")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        services.RemoveAllKeyed<IGrainStorage>(name);
        services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new InMemoryGrainStorage());
        return services;
    }
}
