using System.Text.Json.Serialization;
using Platform.AspNetCore.Problems;
using Platform.AspNetCore.Tokens;
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
        services.AddSingleton<RateLimiter>();
        builder.AddApiTokens("Farm", tokens =>
        {
            tokens.Schema = "farm";
            tokens.TokenPrefix = "farm_";
            tokens.Roles = Roles.All;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.User, p => p.RequireRole(Roles.User, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.AddApiProblems(problems =>
        {
            problems.Title = "The render farm is temporarily unavailable.";
            problems.Detail = "The farm's silos could not be reached. Retry after the delay: submitting the same job id again is harmless.";
        });
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
        app.UseJsonContentTypeCheck();
        return app;
    }
}
