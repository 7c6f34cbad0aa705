using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Actors.Membership;
using Platform.Actors.Networking;
using Platform.Actors.Placement;
using Platform.Actors.Runtime;

namespace Platform.Actors.Cluster;

/// <summary>
/// The client's router: sends each call to the grain's owner under the client's view of the table. A silo that cannot
/// be connected to is skipped (the call was not sent, so it goes to the next owner at once) until the next view; a
/// connection lost with the call pending fails the call (outcome unknown) and triggers a refresh of the view, so later
/// calls go to live silos.
/// </summary>
internal sealed class ClientCallRouter : IGrainCallRouter, IAsyncDisposable
{
    private readonly MembershipView _view;
    private readonly ConcurrentDictionary<SiloAddress, byte> _unreachable = new();
    private readonly string _clusterId;

    public ClientCallRouter(MembershipView view, IOptions<ClusterOptions> options, IOptions<ActorsOptions> actorsOptions, ILogger<ClientCallRouter> logger)
    {
        _view = view;
        _clusterId = actorsOptions.Value.ClusterId;
        Pool = new ConnectionPool(options.Value.RequireKey(), handler: null, options.Value.Transport, actorsOptions.Value.ResponseTimeout, logger);
        view.Changed += (_, _) => _unreachable.Clear();
    }

    public ConnectionPool Pool { get; }

    /// <summary>Set by the client service: something failed, re-read the table now.</summary>
    public Action? RefreshRequested { get; set; }

    public async Task<ResponseMessage> SendRequestAsync(Message message)
    {
        while (true)
        {
            var candidates = _view.Current.Active.Where(s => !_unreachable.ContainsKey(s)).ToArray();
            if (RendezvousPlacement.PickOwner(message.Target, candidates) is not { } owner)
            {
                RefreshRequested?.Invoke();
                return ResponseMessage.Failure(new SiloUnavailableException(
                    $"No active silo of cluster '{_clusterId}' is reachable for the call to '{message.InterfaceName}.{message.MethodName}' on grain '{message.Target}'; the call was not sent. Check that silos run and share Actors:ClusterId and Actors:ClusterSecret with this client, then retry."));
            }

            Connection connection;
            try
            {
                connection = await Pool.GetAsync(owner.Endpoint);
            }
            catch (SiloUnavailableException)
            {
                _unreachable[owner] = 0;
                RefreshRequested?.Invoke();
                continue;
            }

            var response = await connection.SendRequestAsync(message, hops: 0, owner.ToString());
            if (response.Exception is SiloUnavailableException)
            {
                RefreshRequested?.Invoke();
            }

            return response;
        }
    }

    public ValueTask DisposeAsync() => Pool.DisposeAsync();
}
