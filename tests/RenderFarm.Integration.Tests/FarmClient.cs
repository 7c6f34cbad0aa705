using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderFarm.Integration.Tests;

/// <summary>The farm's HTTP API as one caller sees it.</summary>
internal sealed class FarmClient(HttpClient http, string token)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string Token => token;

    public async Task<FarmClient> IssueAsync(string subject, string role = "user")
    {
        using var response = await SendAsync(HttpMethod.Post, "/admin/tokens", new { subject, role });
        response.EnsureSuccessStatusCode();
        return new FarmClient(http, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
    }

    /// <summary>Submits <paramref name="job"/>, as part of the caller's trace when a W3C <paramref name="traceParent"/> is given.</summary>
    public async Task<JsonElement> SubmitAsync(object job, string? traceParent = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/jobs", job, traceParent: traceParent);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> StatusAsync(Guid job)
    {
        // The API answers 503 while a coordinator moves to another silo: a client retries.
        for (var attempt = 0; ; attempt++)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/jobs/{job}", null);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 30)
            {
                await Task.Delay(500);
                continue;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    public async Task<JsonElement> WaitFinishedAsync(Guid job, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            var status = await StatusAsync(job);
            if (status.GetProperty("phase").GetString() != "Running")
            {
                return status;
            }

            await Task.Delay(250, deadline.Token);
        }
    }

    /// <summary>The status, or null when no answer came within <paramref name="within"/> (e.g. its gateway is paused).</summary>
    public async Task<JsonElement?> TryStatusAsync(Guid job, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try
        {
            using var response = await SendAsync(HttpMethod.Get, $"/jobs/{job}", null, cancellationToken: deadline.Token);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token) : null;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Waits until <paramref name="isWanted"/> holds for the job's status and returns that status.</summary>
    public async Task<JsonElement> WaitStatusAsync(Guid job, Func<JsonElement, bool> isWanted, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            var status = await StatusAsync(job);
            if (isWanted(status))
            {
                return status;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>The job's history as the API orders it: by Lamport time, then origin silo.</summary>
    public async Task<JsonElement[]> HistoryAsync(Guid job)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/jobs/{job}/history", null);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    public async Task<JsonElement> CancelAsync(Guid job)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/jobs/{job}/cancel", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The scheduler's queue (admin only).</summary>
    public async Task<JsonElement> QueueAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "/admin/queue", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body, string? traceParent = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request, cancellationToken);
    }
}
