using System.Globalization;

namespace Platform.Hosting.Orchestrator;

internal static class HttpProbe
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>True when GET http://127.0.0.1:{port}{path} answers 2xx.</summary>
    public static async Task<bool> IsHealthyAsync(int port, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{path}")), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
