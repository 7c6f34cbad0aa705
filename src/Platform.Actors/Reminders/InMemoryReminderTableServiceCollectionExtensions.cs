using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Actors.Reminders;

/// <summary>Registers <see cref="InMemoryReminderTable"/>.</summary>
public static class InMemoryReminderTableServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="InMemoryReminderTable"/> as the singleton <see cref="IReminderTable"/>, replacing any registered before.
    /// For tests only: reminders are lost when the process exits.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddInMemoryReminderTable(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.RemoveAll<IReminderTable>();
        services.AddSingleton<IReminderTable, InMemoryReminderTable>();
        return services;
    }
}
