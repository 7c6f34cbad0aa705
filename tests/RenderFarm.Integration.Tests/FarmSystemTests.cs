using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.Grains;

namespace RenderFarm.Integration.Tests;

/// <summary>The render farm in the whole system: jobs through the API, rendered by the farm's silos beside the bank.</summary>
public sealed class FarmSystemTests
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Job_SubmittedThroughTheApi_CompletesWithEveryFrameHashRightAndDownloads()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var system = await FarmSystem.StartAsync(cancellation.Token);
        var alice = await system.Admin.IssueAsync("alice");
        var job = new { name = "zoom", frames = 12, width = 64, height = 36, iterations = 300 };

        var id = (await alice.SubmitAsync(job)).GetProperty("id").GetGuid();
        var status = await alice.WaitFinishedAsync(id, Within);

        Assert.Equal("Completed", status.GetProperty("phase").GetString());
        AssertEveryFrameOnceAndRight(status, new JobSpec("alice", "zoom", 12, 64, 36, 300, 0, 10));
        using var result = await alice.SendAsync(HttpMethod.Get, $"/jobs/{id}/result", null);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("image/apng", result.Content.Headers.ContentType?.MediaType);
        using var frame = await alice.SendAsync(HttpMethod.Get, $"/jobs/{id}/frames/3", null);
        Assert.Equal(FractalRenderer.Render(new JobSpec("alice", "zoom", 12, 64, 36, 300, 0, 10), 3), await frame.Content.ReadAsByteArrayAsync());

        // Another user does not see it.
        var bob = await system.Admin.IssueAsync("bob");
        using var hidden = await bob.SendAsync(HttpMethod.Get, $"/jobs/{id}", null);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    internal static void AssertEveryFrameOnceAndRight(JsonElement status, JobSpec spec)
    {
        var frames = status.GetProperty("frames").EnumerateArray().ToArray();
        Assert.Equal(spec.Frames, frames.Length);
        foreach (var frame in frames)
        {
            var n = frame.GetProperty("frame").GetInt32();
            Assert.Equal(1, frame.GetProperty("accepts").GetInt32());
            Assert.Equal(FractalRenderer.HashOf(FractalRenderer.Render(spec, n)), frame.GetProperty("hash").GetString());
        }
    }
}
