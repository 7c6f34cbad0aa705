using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Platform.Orleans.Defaults;
using Platform.Orleans.PostgreSql;

namespace RenderFarm.Grains;

/// <summary>The render farm's part of a silo: its grains and its render worker.</summary>
public static class RenderFarmSiloHostingExtensions
{
    /// <summary>The connection string name of the farm's database (grain storage <see cref="FarmOptions.StorageName"/>).</summary>
    public const string DatabaseName = "farmdb";

    /// <summary>
    /// Runs the farm's grains and a render worker in this process's silo (<see cref="OrleansDefaults.AddPlatformSilo"/>),
    /// joining the cluster Aspire describes. Grain storage <c>farm</c> is the ADO.NET provider on <c>farmdb</c>
    /// (<c>Orleans:GrainStorage:farm:*</c>); the Orleans schema is applied to it, and to the ADO.NET reminders database
    /// the cluster names (<c>Orleans:Reminders:ConnectionName</c>), before the silo starts.
    /// </summary>
    /// <param name="builder">The host's builder.</param>
    /// <param name="configure">More silo settings.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHostApplicationBuilder AddRenderFarmSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOrleansPostgreSqlSchema(DatabaseName);
        // The cluster's reminders live in another database (the bank's) that only the bank's silos used to prepare: a
        // farm silo that started first failed on the missing tables and stayed down. The schema is versioned and
        // applied under an advisory lock, so preparing it here too is harmless when the bank's silos race it.
        if (builder.Configuration["Orleans:Reminders:ConnectionName"] is { Length: > 0 } reminders
            && string.Equals(builder.Configuration["Orleans:Reminders:ProviderType"], "AdoNet", StringComparison.OrdinalIgnoreCase)
            && reminders != DatabaseName)
        {
            builder.Services.AddOrleansPostgreSqlSchema(reminders);
        }

        builder.Services.AddOpenTelemetryTracingSource(FarmMetrics.MeterName);
        builder.Services.AddOpenTelemetryMeter(FarmMetrics.MeterName);
        builder.AddPlatformSilo(silo =>
        {
            silo.AddRenderFarmGrains();
            configure?.Invoke(silo);
        });
        return builder;
    }

    /// <summary>
    /// The farm's grains and the services they need, and this silo's render worker (section <c>Farm</c>,
    /// <see cref="FarmOptions"/>). Grain storage named <see cref="FarmOptions.StorageName"/> must be configured too.
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <returns><paramref name="silo"/>.</returns>
    public static ISiloBuilder AddRenderFarmGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<FarmOptions>().BindConfiguration("Farm");
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<FarmMetrics>();
        silo.Services.TryAddSingleton<LamportClock>();
        silo.Services.TryAddSingleton<FarmSilo>();
        silo.Services.TryAddSingleton<FarmClock>();
        silo.Services.AddHostedService<FarmWorker>();
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(FarmOptions.StorageName).PostConfigure(o => o.GrainStorageSerializer = PlainJsonGrainStorageSerializer.Instance);
        return silo;
    }
}
