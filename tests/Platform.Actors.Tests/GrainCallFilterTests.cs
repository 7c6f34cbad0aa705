using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Platform.Actors.Storage;
using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class GrainCallFilterTests
{
    [Fact]
    public async Task Filters_Registered_RunAroundCallWithContext()
    {
        var log = new ConcurrentQueue<string>();
        await using var silo = await TestSilo.StartAsync(
            configureServices: s =>
            {
                s.AddInMemoryGrainStorage();
                s.AddSingleton(log);
            },
            actors: a => a.AddIncomingGrainCallFilter<RecordingIncomingFilter>().AddOutgoingGrainCallFilter<RecordingOutgoingFilter>());

        var result = await silo.Grains.GetGrain<ICounterGrain>(Guid.NewGuid().ToString()).IncrementAsync();

        Assert.Equal(1, result);
        Assert.Equal(
            [
                "out:before:Platform.Actors.Tests.Grains.ICounterGrain.IncrementAsync",
                "in:before:IncrementAsync:CounterGrain",
                "in:after:1",
                "out:after:1",
            ],
            log);
    }

    [Fact]
    public async Task IncomingFilter_ReplacesResult_CallerSeesReplacement()
    {
        await using var silo = await TestSilo.StartAsync(actors: a => a.AddIncomingGrainCallFilter<DoublingFilter>());

        var result = await silo.Grains.GetGrain<ICounterGrain>(Guid.NewGuid().ToString()).IncrementAsync();

        Assert.Equal(2, result);
    }

    [Fact]
    public async Task OutgoingFilter_SeesArguments()
    {
        var log = new ConcurrentQueue<string>();
        await using var silo = await TestSilo.StartAsync(
            configureServices: s =>
            {
                s.AddInMemoryGrainStorage();
                s.AddSingleton(log);
            },
            actors: a => a.AddOutgoingGrainCallFilter<ArgumentsFilter>());

        await Assert.ThrowsAsync<GrainMethodException>(() => silo.Grains.GetGrain<ICounterGrain>("x").ThrowAsync("the message"));

        Assert.Equal(["the message"], log);
    }

    public sealed class RecordingIncomingFilter(ConcurrentQueue<string> log) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IGrainCallContext context)
        {
            log.Enqueue($"in:before:{context.MethodName}:{context.Grain?.GetType().Name}");
            await context.Invoke();
            log.Enqueue($"in:after:{context.Result}");
        }
    }

    public sealed class RecordingOutgoingFilter(ConcurrentQueue<string> log) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IGrainCallContext context)
        {
            log.Enqueue($"out:before:{context.InterfaceName}.{context.MethodName}");
            await context.Invoke();
            log.Enqueue($"out:after:{context.Result}");
        }
    }

    public sealed class DoublingFilter : IIncomingGrainCallFilter
    {
        public async Task Invoke(IGrainCallContext context)
        {
            await context.Invoke();
            if (context.Result is int value)
            {
                context.Result = value * 2;
            }
        }
    }

    public sealed class ArgumentsFilter(ConcurrentQueue<string> log) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IGrainCallContext context)
        {
            foreach (var argument in context.Arguments)
            {
                log.Enqueue(argument?.ToString() ?? "null");
            }

            return context.Invoke();
        }
    }
}
