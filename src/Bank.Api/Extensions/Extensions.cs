using Bank.Api.Infrastructure;
using Bank.Api.Security;
using Microsoft.AspNetCore.Authentication;

namespace Bank.Api.Extensions;

internal static class Extensions
{
    /// <summary>Request bodies above this are refused (413).</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BankApiOptions>().BindConfiguration("Bank");
        if (builder.Configuration.GetConnectionString("bankdb") is null)
        {
            throw new InvalidOperationException("ConnectionStrings:bankdb is not set; the API keeps its tokens in the bank database.");
        }

        // Aspire's client integration: pooling, tracing and metrics of the bank database's connections.
        builder.AddNpgsqlDataSource("bankdb");
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenStore>();
        services.AddHostedService<AdminTokenSeeder>();
        services.AddHostedService<TokenRevocationListener>();
        services.AddSingleton<AccountReader>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<AccountFeed>();

        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Customer, Roles.Teller, Roles.Auditor))
            .AddPolicy(Policies.Move, p => p.RequireRole(Roles.Customer, Roles.Teller))
            .AddPolicy(Policies.Open, p => p.RequireRole(Roles.Customer))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        services.AddProblemDetails();
        // Unreadable bodies reach BadRequestExceptionHandler in every environment, not only in Development.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<BackendExceptionHandler>();
        services.AddOpenApi();
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        }

        return builder;
    }

    public static WebApplication UseBankPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<JsonContentTypeMiddleware>();
        return app;
    }
}
