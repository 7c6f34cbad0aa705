using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class ActorsTelemetryTests
{
    [Fact]
    public async Task Invoke_WithListener_ClientAndServerSpansShareTraceAndGrainSeesTraceParent()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Platform.Actors" or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var testSource = new ActivitySource("test");
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid());

        string? seen;
        ActivityTraceId traceId;
        using (var root = testSource.StartActivity("root")!)
        {
            traceId = root.TraceId;
            seen = await grain.GetTraceParentAsync();
        }

        var mine = spans.Where(s => s.TraceId == traceId && s.OperationName.EndsWith("GetTraceParentAsync", StringComparison.Ordinal)).ToList();
        var client = Assert.Single(mine, s => s.Kind == ActivityKind.Client);
        var server = Assert.Single(mine, s => s.Kind == ActivityKind.Server);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.Equal(client.Id, seen);
        Assert.Equal("platform-actors", server.GetTagItem("rpc.system"));
        Assert.Equal("Platform.Actors.Tests.Grains.IContextGrain", server.GetTagItem("rpc.service"));
        Assert.Equal("GetTraceParentAsync", client.GetTagItem("rpc.method"));
        Assert.Equal(grain.GetGrainId().ToString(), client.GetTagItem("actors.grain.id"));
    }

    [Fact]
    public async Task Invoke_CallsAndFailures_RecordedOnTheMeter()
    {
        await using var silo = await TestSilo.StartAsync();
        var meter = silo.Services.GetRequiredService<IMeterFactory>().Create("Platform.Actors");
        var measurements = new ConcurrentQueue<(string Name, double Value, string? Method)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Method(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Method(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Method(tags))));
        listener.Start();
        var grain = silo.Grains.GetGrain<ICounterGrain>(Guid.NewGuid().ToString());

        await grain.IncrementAsync();
        await Assert.ThrowsAsync<GrainMethodException>(() => grain.ThrowAsync("x"));
        listener.RecordObservableInstruments();

        Assert.Contains(measurements, m => m is ("actors.grain.calls", 1, "IncrementAsync"));
        Assert.Contains(measurements, m => m is ("actors.grain.calls", 1, "ThrowAsync"));
        Assert.Contains(measurements, m => m is ("actors.grain.call.failures", 1, "ThrowAsync"));
        Assert.DoesNotContain(measurements, m => m is ("actors.grain.call.failures", _, "IncrementAsync"));
        Assert.Contains(measurements, m => m.Name == "actors.grain.call.duration" && m.Value >= 0 && m.Method == "IncrementAsync");
        Assert.Contains(measurements, m => m.Name == "actors.activations" && m.Value >= 1);
    }

    private static string? Method(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "rpc.method")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
