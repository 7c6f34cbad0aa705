using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bank.Tests.Infrastructure;

/// <summary>The real API (with its co-hosted silo) in process, on real PostgreSQL and Redis.</summary>
public sealed class BankApiFactory(
    string bankDb, string? redis, int rateLimitPermits = 1_000, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminToken = "bank_test-admin-token";

    /// <summary>Everything the API logged.</summary>
    public RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.UseSetting("ConnectionStrings:bankdb", bankDb);
        if (redis is not null)
        {
            builder.UseSetting("ConnectionStrings:redis", redis);
        }

        builder.UseSetting("Bank:AdminToken", AdminToken);
        builder.UseSetting("Bank:RateLimitPermits", rateLimitPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Bank:RateLimitWindowSeconds", "60");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public HttpClient ClientFor(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Issues a token through the admin endpoint and returns a client that uses it. Subjects get a random suffix.</summary>
    public async Task<(HttpClient Client, string Subject)> SignInAsync(string role, string? subject = null)
    {
        using var admin = ClientFor(AdminToken);
        subject ??= role + "-" + Guid.NewGuid().ToString("N")[..8];
        var response = await admin.PostAsJsonAsync("/admin/tokens", new { subject, role });
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (ClientFor(issued.GetProperty("token").GetString()!), subject);
    }
}
