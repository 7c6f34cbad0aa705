using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RenderFarm.Bench;

/// <summary>The farm's HTTP API as one caller sees it: tokens, jobs, their status and history.</summary>
internal sealed class FarmApi(HttpClient http, string token)
{
    public async Task<FarmApi> IssueAsync(string subject)
    {
        using var response = await SendAsync(HttpMethod.Post, "/admin/tokens", new { subject, role = "user" });
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new FarmApi(http, issued.GetProperty("token").GetString()!);
    }

    public async Task SubmitAsync(Guid id, BenchJob job)
    {
        // The id is the bench's own, so a submit that failed on the way back can be sent again and still mean one job.
        var body = new { id, name = job.Name, frames = job.Frames, width = job.Width, height = job.Height, iterations = job.Iterations };
        for (var attempt = 1; ; attempt++)
        {
            using var response = await SendAsync(HttpMethod.Post, "/jobs", body);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                return;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
            {
                throw new InvalidOperationException($"Submitting {job.Name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(250);
        }
    }

    public Task<JsonElement> StatusAsync(Guid id) => GetAsync($"/jobs/{id}");

    public Task<JsonElement> HistoryAsync(Guid id) => GetAsync($"/jobs/{id}/history");

    public async Task CancelAsync(Guid id)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/jobs/{id}/cancel", null);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        // The API answers 503 while a coordinator moves to another silo (after a kill): a client asks again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await SendAsync(HttpMethod.Get, path, null);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 60)
                {
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
                }
            }
            catch (TaskCanceledException) when (attempt < 60)
            {
                // The client's own timeout: the API was waiting on a silo that just died.
            }

            await Task.Delay(250);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }
}
