namespace Platform.Hosting.Orchestrator;

/// <summary>What differs between kinds of process resources: how to prepare, launch, probe and clean up.</summary>
internal interface IProcessDriver
{
    /// <summary>The signal that stops the process gracefully.</summary>
    int StopSignal { get; }

    /// <summary>True when <see cref="ProbeAsync"/> decides health; otherwise running means healthy.</summary>
    bool HasHealthCheck { get; }

    /// <summary>Runs once before the first launch (find binaries, prepare data folders). Throws with a one-line reason.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    Task<ProcessLaunch> CreateLaunchAsync(int replica, CancellationToken cancellationToken);

    Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken);
}
