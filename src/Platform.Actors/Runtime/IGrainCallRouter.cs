namespace Platform.Actors.Runtime;

/// <summary>
/// Where every grain call goes once its arguments are serialized. The single-silo router delivers to the local catalog;
/// the cluster replaces it (register before AddActors, which uses TryAdd) with one that looks up the grain's silo and
/// sends remote messages over the transport.
/// </summary>
internal interface IGrainCallRouter
{
    /// <summary>Delivers the request and completes with its response (never faults: failures are in the response).</summary>
    Task<ResponseMessage> SendRequestAsync(Message message);
}
