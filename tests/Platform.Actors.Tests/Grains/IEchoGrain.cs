namespace Platform.Actors.Tests.Grains;

public interface IEchoGrain : IGrainWithStringKey
{
    // Named like the locals and parameters of generated code, which must not capture them.
    Task<string> EchoAsync(string request, string grain, string invoker);
}
