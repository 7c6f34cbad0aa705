namespace Platform.Actors.Runtime;

/// <summary>Routes every call to this process's catalog: a single silo.</summary>
internal sealed class LocalGrainCallRouter(IActivationCatalog catalog) : IGrainCallRouter
{
    public Task<ResponseMessage> SendRequestAsync(Message message) => catalog.DeliverAsync(message);
}
