using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class RequestContextTests
{
    [Fact]
    public async Task Set_BeforeCall_FlowsToGrainAndItsCallee()
    {
        await using var silo = await TestSilo.StartAsync();
        RequestContext.Set("tenant", "acme");
        try
        {
            var caller = silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid());
            Assert.Equal("acme", await caller.GetValueAsync("tenant"));
            Assert.Equal("acme", await caller.GetValueFromCalleeAsync(Guid.NewGuid(), "tenant"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task Remove_BeforeCall_GrainSeesNoValue()
    {
        await using var silo = await TestSilo.StartAsync();
        RequestContext.Set("tenant", "acme");
        Assert.True(RequestContext.Remove("tenant"));

        Assert.Null(await silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid()).GetValueAsync("tenant"));
        Assert.False(RequestContext.Remove("tenant"));
    }

    [Fact]
    public async Task Set_ValuesOfEarlierCaller_DoNotLeakIntoLaterCalls()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid());
        await Task.Run(async () =>
        {
            RequestContext.Set("tenant", "first");
            Assert.Equal("first", await grain.GetValueAsync("tenant"));
        });

        Assert.Null(await grain.GetValueAsync("tenant"));
    }
}
