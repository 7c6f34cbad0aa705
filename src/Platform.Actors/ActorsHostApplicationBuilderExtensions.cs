using Microsoft.Extensions.Hosting;

namespace Platform.Actors;

/// <summary>Makes a host a silo.</summary>
public static class ActorsHostApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the actor runtime to the host; see <see cref="ActorsServiceCollectionExtensions.AddActors"/>. Grains are then
    /// callable through <see cref="IGrainFactory"/> from anywhere in the host, e.g. an ASP.NET Core endpoint.
    /// </summary>
    /// <example>
    /// <code>
    /// var builder = WebApplication.CreateBuilder(args);
    /// builder.UseActors(actors => actors.AddInMemoryGrainStorage());
    /// var app = builder.Build();
    /// app.MapGet("/counter/{id}", (string id, IGrainFactory grains) => grains.GetGrain&lt;ICounterGrain&gt;(id).IncrementAsync());
    /// </code>
    /// </example>
    public static IHostApplicationBuilder UseActors(this IHostApplicationBuilder builder, Action<ActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddActors(configure);
        return builder;
    }
}
