namespace Platform.Actors.Tests.Grains;

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<string> EchoAsync(string request, string grain, string invoker) => Task.FromResult($"{request}|{grain}|{invoker}");
}
