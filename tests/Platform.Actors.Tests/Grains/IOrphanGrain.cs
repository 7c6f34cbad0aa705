namespace Platform.Actors.Tests.Grains;

/// <summary>Deliberately has no implementation.</summary>
public interface IOrphanGrain : IGrainWithStringKey
{
    Task PingAsync();
}
