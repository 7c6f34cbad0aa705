using Platform.Actors.Tests.Grains;
using Platform.Actors.Tests.Infrastructure;

namespace Platform.Actors.Tests;

public sealed class GrainCallTests
{
    [Fact]
    public async Task GetGrain_FirstCall_ActivatesOnceAndKeepsState()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();
        var counter = silo.Grains.GetGrain<ICounterGrain>(key);

        Assert.Empty(Probe.Get(key));
        Assert.Equal(1, await counter.IncrementAsync());
        Assert.Equal(2, await silo.Grains.GetGrain<ICounterGrain>(key).IncrementAsync());
        Assert.Equal(2, await counter.GetAsync());
        Assert.Equal(1, Probe.Count(key, "activate"));
    }

    [Fact]
    public async Task Proxy_ParametersNamedLikeGeneratedLocals_PassTheirOwnValues()
    {
        await using var silo = await TestSilo.StartAsync();

        var echoed = await silo.Grains.GetGrain<IEchoGrain>("echo").EchoAsync("a", "b", "c");

        Assert.Equal("a|b|c", echoed);
    }

    [Fact]
    public async Task GetGrain_DifferentKeys_AreDifferentActivations()
    {
        await using var silo = await TestSilo.StartAsync();
        var a = silo.Grains.GetGrain<ICounterGrain>(Guid.NewGuid().ToString());
        var b = silo.Grains.GetGrain<ICounterGrain>(Guid.NewGuid().ToString());

        await a.IncrementAsync();
        await a.IncrementAsync();

        Assert.Equal(1, await b.IncrementAsync());
        Assert.NotEqual(await a.GetActivationIdAsync(), await b.GetActivationIdAsync());
    }

    [Fact]
    public async Task GetGrain_KeyKinds_ExposeTheirKeys()
    {
        await using var silo = await TestSilo.StartAsync();
        var guid = Guid.NewGuid();

        var byGuid = silo.Grains.GetGrain<IContextGrain>(guid);
        var byLong = silo.Grains.GetGrain<ITurnGrain>(-42);
        var byString = silo.Grains.GetGrain<ICounterGrain>("account/7");

        Assert.Equal(guid, byGuid.GetPrimaryKey());
        Assert.Equal(-42, byLong.GetPrimaryKeyLong());
        Assert.Equal("account/7", byString.GetPrimaryKeyString());
        Assert.Equal(new GrainId("counter", "account/7"), byString.GetGrainId());
        Assert.Equal(new GrainId("context", guid.ToString("N")), byGuid.GetGrainId());
    }

    [Fact]
    public async Task GetGrain_CompoundKeys_RoundTripKeyExtension()
    {
        await using var silo = await TestSilo.StartAsync();
        var guid = Guid.NewGuid();

        var byGuid = silo.Grains.GetGrain<ICompoundGrain>(guid, "eu+west");
        var byLong = silo.Grains.GetGrain<ILongCompoundGrain>(7, "x");

        Assert.Equal($"{guid:N}|eu+west", await byGuid.DescribeAsync());
        Assert.Equal("7|x", await byLong.DescribeAsync());
    }

    [Fact]
    public async Task Invoke_OneWay_ReturnsAndRunsOnTheGrain()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid().ToString();

        await silo.Grains.GetGrain<ICounterGrain>(key).FireAndForgetAsync();

        await Probe.WaitUntilAsync(() => Probe.Count(key, "one-way") == 1, "the one-way call to run");
    }

    [Fact]
    public async Task Invoke_FromAnotherGrain_UsesTheGrainFactory()
    {
        await using var silo = await TestSilo.StartAsync();
        var callee = Guid.NewGuid();
        RequestContext.Set("k", "v");
        try
        {
            var value = await silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid()).GetValueFromCalleeAsync(callee, "k");
            Assert.Equal("v", value);
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
