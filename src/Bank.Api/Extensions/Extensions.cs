using Bank.Api.Infrastructure;
using Bank.Api.Security;
using Bank.Contracts;
using Platform.AspNetCore.Problems;
using Platform.AspNetCore.Tokens;

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
        services.AddSingleton<AccountReader>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<AccountFeed>();

        builder.AddApiTokens("Bank", tokens =>
        {
            tokens.Schema = "bank";
            tokens.TokenPrefix = "bank_";
            tokens.Roles = Roles.All;
            tokens.BasicChallengePath = DashboardRoute.Path;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Customer, Roles.Teller, Roles.Auditor))
            .AddPolicy(Policies.Move, p => p.RequireRole(Roles.Customer, Roles.Teller))
            .AddPolicy(Policies.Open, p => p.RequireRole(Roles.Customer))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        builder.AddApiProblems(problems =>
        {
            problems.Title = "The bank is temporarily unavailable.";
            problems.Detail = "The accounts could not be reached; the outcome of this request is unknown. Retry after the delay with the same Idempotency-Key.";
            problems.TransientExceptions.Add(typeof(BankUnavailableException));
        });
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
        app.UseJsonContentTypeCheck();
        return app;
    }
}
