namespace Platform.Actors;

/// <summary>Actor runtime options, bound from the <c>Actors</c> configuration section (e.g. <c>Actors__ResponseTimeout=00:00:10</c>).</summary>
public sealed class ActorsOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Actors";

    /// <summary>The cluster this silo belongs to; silos of one cluster share membership. A single silo ignores it.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>The service this cluster runs; state and reminders are keyed by it across cluster redeployments.</summary>
    public string ServiceId { get; set; } = "dev";

    /// <summary>How long an activation may stay idle before it is collected. Default 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a caller waits for a response before <see cref="GrainCallTimeoutException"/>. Default 30 seconds.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long construction, state read and <see cref="Grain.OnActivateAsync"/> may take together. Default 30 seconds.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="Grain.OnDeactivateAsync"/> may take. Default 30 seconds.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest reminder period accepted. Default 1 minute; tests lower it.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the reminder service re-reads its range of the reminder table. Default 5 minutes.</summary>
    public TimeSpan ReminderRefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
