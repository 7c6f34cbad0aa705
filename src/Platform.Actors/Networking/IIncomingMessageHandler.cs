using Platform.Actors.Runtime;

namespace Platform.Actors.Networking;

/// <summary>What a silo does with a request that arrives on a connection.</summary>
internal interface IIncomingMessageHandler
{
    /// <summary>Handles a request; answers through <see cref="Connection.SendResponse"/> unless <paramref name="correlationId"/> is 0 (one-way). Must not block.</summary>
    void OnRequest(Connection connection, Message message, byte hops, long correlationId);

    /// <summary>The peer changed the membership table; re-read it soon. Must not block.</summary>
    void OnGossip();
}
