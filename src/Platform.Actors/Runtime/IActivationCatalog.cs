namespace Platform.Actors.Runtime;

/// <summary>
/// The activations hosted by this silo. A remote transport hands incoming messages to <see cref="DeliverAsync"/>; a grain
/// directory (cluster issue) decides which silo's catalog a grain id belongs to.
/// </summary>
internal interface IActivationCatalog
{
    /// <summary>The number of activations currently in the catalog.</summary>
    int Count { get; }

    /// <summary>Delivers a request to the grain's activation, creating it if needed.</summary>
    Task<ResponseMessage> DeliverAsync(Message message);

    /// <summary>Deactivates activations idle for longer than <paramref name="age"/>; returns how many.</summary>
    int CollectIdle(TimeSpan age);

    /// <summary>Deactivates every activation (host shutdown).</summary>
    Task DeactivateAllAsync(CancellationToken cancellationToken);
}
