using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bank.Integration.Tests;

/// <summary>A caller of the bank's API with one bearer token.</summary>
public sealed class BankClient(HttpClient http, string token)
{
    public string Token => token;

    public async Task<JsonElement> SendAsync(HttpMethod method, string url, object? body = null, string? key = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendRawAsync(method, url, body, key);
        Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await http.SendAsync(request);
    }

    public async Task<BankClient> IssueAsync(string subject, string role)
    {
        var issued = await SendAsync(HttpMethod.Post, "/admin/tokens", new { subject, role }, expected: HttpStatusCode.Created);
        return new BankClient(http, issued.GetProperty("token").GetString()!);
    }

    public async Task<string> OpenAsync() =>
        (await SendAsync(HttpMethod.Post, "/accounts", new { currency = "EUR" }, expected: HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public async Task<decimal> BalanceAsync(string account) =>
        decimal.Parse((await SendAsync(HttpMethod.Get, $"/accounts/{account}")).GetProperty("balance").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
