namespace Platform.Hosting.Orchestrator;

/// <summary>Everything needed to start one replica's process once.</summary>
internal sealed record ProcessLaunch(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    IReadOnlySet<string> SecretNames);
