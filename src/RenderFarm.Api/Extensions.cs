using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using RenderFarm.Api.Infrastructure;
using RenderFarm.Api.Security;

namespace RenderFarm.Api;

internal static class Extensions
{
    /// <summary>Request bodies above this are refused (413): a job request is a few hundred bytes.</summary>
    public const long MaxRequestBodyBytes = 4 * 1024;

    public static IHostApplicationBuilder AddFarmServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FarmApiOptions>().BindConfiguration("Farm");
        if (builder.Configuration.GetConnectionString("farmdb") is null)
        {
            throw new InvalidOperationException("ConnectionStrings:farmdb is not set; the farm's API keeps its tokens in the farm database.");
        }

        builder.AddNpgsqlDataSource("farmdb");
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenStore>();
        services.AddHostedService<AdminTokenSeeder>();
        services.AddSingleton<RateLimiter>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.User, p => p.RequireRole(Roles.User, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        // Unreadable bodies reach BadRequestExceptionHandler in every environment, not only in Development.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<BackendExceptionHandler>();
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        }

        return builder;
    }

    public static WebApplication UseFarmPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<JsonContentTypeMiddleware>();
        return app;
    }
}
