using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Tests.Shared;

/// <summary>
/// A caller of the bank's API with one bearer token, for the bank's whole-system tests and the failover bench (their
/// projects link this file; it is not among the shared files every whole-system project compiles).
/// </summary>
internal sealed class BankClient(HttpClient http, string token)
{
    public string Token => token;

    /// <summary>
    /// Sends and expects <paramref name="expected"/>, or throws saying what came instead. A 503 or 429 is retried for up
    /// to 30 s, as the API asks: right after start-up the silos may still be settling their view of the cluster. A
    /// retried call without a key may act twice (e.g. open two accounts); the callers only use what the answer names.
    /// </summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string url, object? body = null, string? key = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendRawAsync(method, url, body, key);
        for (var attempt = 0; attempt < 60 && response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests; attempt++)
        {
            response.Dispose();
            await Task.Delay(500);
            response = await SendRawAsync(method, url, body, key);
        }

        using var _ = response;
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

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

    public Task DepositAsync(string account, decimal amount) =>
        SendAsync(HttpMethod.Post, $"/accounts/{account}/deposits", new { amount = amount.ToString("0.00", CultureInfo.InvariantCulture) }, key: "seed");

    public async Task<decimal> BalanceAsync(string account) =>
        decimal.Parse((await SendAsync(HttpMethod.Get, $"/accounts/{account}")).GetProperty("balance").GetString()!, CultureInfo.InvariantCulture);
}
