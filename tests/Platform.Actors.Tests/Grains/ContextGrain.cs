namespace Platform.Actors.Tests.Grains;

public sealed class ContextGrain : Grain, IContextGrain
{
    public Task<string?> GetValueAsync(string key) => Task.FromResult(RequestContext.Get(key) as string);

    public Task<string?> GetValueFromCalleeAsync(Guid callee, string key) => GrainFactory.GetGrain<IContextGrain>(callee).GetValueAsync(key);

    public Task<string?> GetTraceParentAsync() => Task.FromResult(RequestContext.Get("traceparent") as string);
}
