using System.Net.Http.Json;
using System.Text.Json;

namespace Bank.Tests.Infrastructure;

public static class HttpExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static Task<HttpResponseMessage> PostWithKeyAsync(this HttpClient client, string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body as HttpContent ?? JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    public static async Task<string> OpenAccountAsync(this HttpClient client, string currency = "EUR")
    {
        var response = await client.PostAsJsonAsync("/accounts", new { currency });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    public static async Task<string> BalanceAsync(this HttpClient client, string accountId)
    {
        var response = await client.GetAsync($"/accounts/{accountId}");
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("balance").GetString()!;
    }

    /// <summary>The field a problem-details response names: the key of <c>errors</c> for 400, else <c>field</c>.</summary>
    public static async Task<string> ProblemFieldAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        return problem.TryGetProperty("errors", out var errors)
            ? Assert.Single(errors.EnumerateObject()).Name
            : problem.GetProperty("field").GetString()!;
    }
}
