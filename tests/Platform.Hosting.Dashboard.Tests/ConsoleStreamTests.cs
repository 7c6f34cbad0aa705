using System.Text.Json;
using Platform.Hosting.Dashboard.Tests.Support;

namespace Platform.Hosting.Dashboard.Tests;

public sealed class ConsoleStreamTests
{
    [Fact]
    public async Task Stream_BufferedThenLive_SendsEveryLineOnceInOrder()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var client = await dashboard.SignedInAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync("/api/stream/console/api", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var buffered = new List<JsonElement>();
        for (var (name, data) = await NextAsync(reader, timeout.Token); name != "ready"; (name, data) = await NextAsync(reader, timeout.Token))
        {
            buffered.Add(data);
        }

        dashboard.Resources.WriteConsole("api", 0, "third line", isError: false);
        dashboard.Resources.WriteConsole("silo", 0, "another resource", isError: false);
        dashboard.Resources.WriteConsole("api", 0, "fourth line", isError: true);
        var third = (await NextAsync(reader, timeout.Token)).Data;
        var fourth = (await NextAsync(reader, timeout.Token)).Data;

        Assert.Equal([0L, 1L], buffered.Select(l => l.GetProperty("sequence").GetInt64()));
        Assert.Equal(("third line", 2L), (third.GetProperty("text").GetString(), third.GetProperty("sequence").GetInt64()));
        Assert.Equal(("fourth line", 3L, true), (fourth.GetProperty("text").GetString(), fourth.GetProperty("sequence").GetInt64(), fourth.GetProperty("isError").GetBoolean()));
    }

    private static async Task<(string Name, JsonElement Data)> NextAsync(StreamReader reader, CancellationToken token)
    {
        string? name = null;
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return (name!, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }
}
