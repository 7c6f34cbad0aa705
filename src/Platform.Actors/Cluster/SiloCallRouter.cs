using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Actors.Membership;
using Platform.Actors.Networking;
using Platform.Actors.Placement;
using Platform.Actors.Runtime;

namespace Platform.Actors.Cluster;

/// <summary>
/// A silo's router: a grain owned by this silo (rendezvous placement over the active view) is delivered to the local
/// catalog; any other goes over TCP to its owner. A request that arrives here for a grain this silo does not own is
/// forwarded to the owner this silo sees, at most <see cref="MaxForwards"/> times; after that it is hosted here rather
/// than failed (ETag checks keep a rare duplicate safe).
/// </summary>
internal sealed class SiloCallRouter : IGrainCallRouter, IIncomingMessageHandler, IAsyncDisposable
{
    public const int MaxForwards = 2;

    private readonly MembershipView _view;
    private readonly LocalSiloDetails _local;
    private readonly IActivationCatalog _catalog;
    private readonly ILogger _logger;

    public SiloCallRouter(MembershipView view, LocalSiloDetails local, IActivationCatalog catalog, IOptions<ClusterOptions> options, IOptions<ActorsOptions> actorsOptions, ILogger<SiloCallRouter> logger)
    {
        _view = view;
        _local = local;
        _catalog = catalog;
        _logger = logger;
        Pool = new ConnectionPool(options.Value.RequireKey(), this, options.Value.Transport, actorsOptions.Value.ResponseTimeout, logger);
    }

    public ConnectionPool Pool { get; }

    /// <summary>Set by the silo: a peer changed the membership table.</summary>
    public Action? GossipReceived { get; set; }

    public Task<ResponseMessage> SendRequestAsync(Message message) => Route(message, hops: 0, forwarding: false);

    public void OnRequest(Connection connection, Message message, byte hops, long correlationId) =>
        _ = HandleAsync(connection, message, hops, correlationId);

    public void OnGossip() => GossipReceived?.Invoke();

    public ValueTask DisposeAsync() => Pool.DisposeAsync();

    private Task<ResponseMessage> Route(Message message, byte hops, bool forwarding)
    {
        var self = _local.AddressOrNull;
        var owner = RendezvousPlacement.PickOwner(message.Target, _view.Current.Active);
        if (owner is null || owner == self || (forwarding && hops >= MaxForwards))
        {
            return _catalog.DeliverAsync(message);
        }

        return Pool.SendAsync(owner.Endpoint, message, forwarding ? (byte)(hops + 1) : (byte)0);
    }

    private async Task HandleAsync(Connection connection, Message message, byte hops, long correlationId)
    {
        ResponseMessage response;
        try
        {
            response = await Route(message, hops, forwarding: true);
        }
        catch (Exception ex)
        {
            Networking.Log.RequestFailed(_logger, connection.RemoteEndPoint, ex);
            response = ResponseMessage.Failure(ex);
        }

        if (correlationId != 0)
        {
            connection.SendResponse(correlationId, response);
        }
    }
}
