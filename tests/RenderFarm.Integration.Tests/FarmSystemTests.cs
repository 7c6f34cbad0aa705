using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Platform.Tests.Shared;
using RenderFarm.Contracts;
using RenderFarm.Grains;

namespace RenderFarm.Integration.Tests;

/// <summary>The render farm in the whole system: jobs through the API, rendered by the farm's silos beside the bank.</summary>
public sealed class FarmSystemTests
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    // One start-up serves both: the frames' spans are the trace of the same job whose results are checked.
    [Fact]
    public async Task Job_SubmittedThroughTheApi_CompletesWithEveryFrameHashRightDownloadsAndIsOneTraceInTheDashboard()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var system = await FarmSystem.StartAsync(cancellation.Token, withDashboard: true);
        using var dashboard = await DashboardTelemetry.ConnectAsync(system.App, cancellation.Token);
        var alice = await system.Admin.IssueAsync("alice");
        var job = new { name = "zoom", frames = 12, width = 64, height = 36, iterations = 300 };

        // The caller starts the trace, as an instrumented client would, so the test knows its id.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpanId = ActivitySpanId.CreateRandom().ToHexString();
        var id = (await alice.SubmitAsync(job, $"00-{traceId}-{callerSpanId}-01")).GetProperty("id").GetGuid();
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

        await AssertFramesAreSpansOfTheSubmitTraceAsync(dashboard, traceId, callerSpanId, id, frames: 12, cancellation.Token);
    }

    // What a developer sees in the Aspire dashboard: the job's trace starts at the caller's POST /jobs and holds a
    // `render frame` span from a farm silo for every frame, each hanging off a span of the same trace.
    private static async Task AssertFramesAreSpansOfTheSubmitTraceAsync(
        DashboardTelemetry dashboard, string traceId, string callerSpanId, Guid job, int frames, CancellationToken cancellationToken)
    {
        bool IsFrame(DashboardSpan span) =>
            span.Resource == FarmSystem.SiloResource && span.Scope == FarmMetrics.MeterName && span.Name == "render frame"
            && span.Attributes.GetValueOrDefault("farm.job") == job.ToString();
        bool IsComplete(IReadOnlyList<DashboardSpan> trace) =>
            trace.Any(span => span.Resource == "farm" && span.Kind == OtlpSpanKind.Server)
            && trace.Where(IsFrame).Select(span => span.Attributes.GetValueOrDefault("farm.frame")).Distinct().Count() == frames
            && trace.Where(IsFrame).All(frame => trace.Any(span => span.SpanId == frame.ParentSpanId));

        // Exporters batch for a few seconds, and the dashboard shows a trace as its spans arrive.
        var within = TimeSpan.FromSeconds(90);
        var spans = await dashboard.WaitForTraceAsync(traceId, IsComplete, within, cancellationToken);
        if (!IsComplete(spans))
        {
            var seen = spans.Count > 0
                ? string.Join(", ", spans.Select(span => span.Name == "render frame" ? $"{span} frame {span.Attributes.GetValueOrDefault("farm.frame")} parent {span.ParentSpanId}" : $"{span} {span.SpanId}"))
                : $"none (the dashboard has telemetry from: {string.Join(", ", await dashboard.GetResourcesAsync(cancellationToken))})";
            Assert.Fail($"Trace {traceId} never held the farm API's request and a render span, under a span of the trace, for each of the {frames} frames within {within.TotalSeconds} s. Spans seen: {seen}");
        }

        // The API continued the caller's W3C context rather than starting a trace of its own.
        var submit = Assert.Single(spans, span => span.Resource == "farm" && span.Kind == OtlpSpanKind.Server);
        Assert.Equal(callerSpanId, submit.ParentSpanId);
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
