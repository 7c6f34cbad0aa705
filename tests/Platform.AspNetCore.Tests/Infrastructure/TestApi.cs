using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Transactions;
using Platform.AspNetCore.Problems;
using Platform.AspNetCore.Tokens;

namespace Platform.AspNetCore.Tests.Infrastructure;

/// <summary>The body of the test API's <c>POST /jobs</c>.</summary>
public sealed record JobRequest(string Name, int Frames);

/// <summary>
/// A minimal API wired as the platform's APIs are (tokens in PostgreSQL, problem details, the JSON Content-Type check),
/// on an in-memory TestServer, in the Production environment.
/// </summary>
public sealed class TestApi : IAsyncDisposable
{
    public const string Section = "TestApi";
    public const string Schema = "testapi";
    public const string Prefix = "tst_";
    public const string AdminToken = "tst_configured-admin-token-0123456789";
    public const string ReaderRole = "reader";
    public const string BasicPath = "/dashboard";
    public const string BackendTitle = "The test backend is temporarily unavailable.";
    public const string BackendDetail = "The test backend could not be reached; retry after the delay.";
    public const string AdminPolicy = "admin";
    public const string ReadPolicy = "read";

    private readonly WebApplication _app;

    private TestApi(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestApi> StartAsync(string connectionString, bool registerTimeProvider = true, Action<ApiTokenOptions>? tokens = null)
    {
        var app = Build(connectionString, registerTimeProvider, tokens);
        await app.StartAsync();
        return new TestApi(app);
    }

    public static WebApplication Build(string connectionString, bool registerTimeProvider = true, Action<ApiTokenOptions>? tokens = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Section + ":AdminToken"] = AdminToken,
            [Section + ":TokenCacheSeconds"] = "30",
        });
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        if (registerTimeProvider)
        {
            builder.Services.AddSingleton(TimeProvider.System);
        }

        builder.AddApiTokens(Section, o =>
        {
            o.Schema = Schema;
            o.TokenPrefix = Prefix;
            o.Roles = [ApiRoles.Admin, ReaderRole];
            o.BasicChallengePath = BasicPath;
            tokens?.Invoke(o);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(ApiRoles.Admin))
            .AddPolicy(ReadPolicy, p => p.RequireRole(ApiRoles.Admin, ReaderRole));
        builder.AddApiProblems(p =>
        {
            p.Title = BackendTitle;
            p.Detail = BackendDetail;
            p.TransientExceptions.Add(typeof(TestBackendUnavailableException));
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseJsonContentTypeCheck();

        app.MapTokenAdminApi(AdminPolicy);
        app.MapPost("/jobs", (JobRequest body) => TypedResults.Ok(body));
        app.MapPost("/jobs/{id:guid}/cancel", (Guid id) => TypedResults.NoContent());
        app.MapGet("/items/{id}", (int id) => TypedResults.Ok(id));
        app.MapGet("/pages", ([FromQuery] int? page) => TypedResults.Ok(page ?? 1));
        app.MapGet("/fail/{kind}", string (string kind) => throw Failure(kind));
        app.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Caller(
            user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue(ClaimTypes.Role)))).RequireAuthorization(ReadPolicy);
        app.MapGet(BasicPath, () => TypedResults.Text("dashboard")).RequireAuthorization(AdminPolicy);
        return app;
    }

    /// <summary>What <c>GET /fail/{kind}</c> throws.</summary>
    public static Exception Failure(string kind) => kind switch
    {
        "silo" => new SiloUnavailableException(),
        "timeout" => new TimeoutException("The grain call timed out."),
        "npgsql" => new NpgsqlException("The database is unreachable."),
        "canceled" => new OperationCanceledException("The call could not be placed in time."),
        "aborted" => new OrleansTransactionAbortedException("tx-1", new TimeoutException("A participant did not answer.")),
        "readonly" => new OrleansReadOnlyViolatedException("tx-1"),
        "bug" => new InvalidOperationException("A bug in the endpoint."),
        "registered" => new TestBackendUnavailableException("The test backend's storage failed."),
        "registered-wrapped" => new InvalidOperationException("outer", new TestBackendUnavailableException("The test backend's storage failed.")),
        _ => new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown failure."),
    };

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>The test API's own outage exception, registered in <see cref="BackendProblemOptions.TransientExceptions"/>.</summary>
public sealed class TestBackendUnavailableException(string message) : Exception(message);

/// <summary>What <c>GET /me</c> answers.</summary>
public sealed record Caller(string? Subject, string? Role);
