namespace Platform.Actors.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    ValueTask<int> GetAsync();

    Task<Guid> GetActivationIdAsync();

    Task ThrowAsync(string message);

    Task DeactivateAsync();

    Task HangAsync(CancellationToken cancellationToken);

    [OneWay]
    Task FireAndForgetAsync();
}
