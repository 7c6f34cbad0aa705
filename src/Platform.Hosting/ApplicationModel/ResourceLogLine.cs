namespace Platform.Hosting.ApplicationModel;

/// <summary>One line a resource's process wrote to stdout or stderr.</summary>
/// <param name="Resource">The resource name.</param>
/// <param name="Replica">The replica index.</param>
/// <param name="Sequence">Grows by one per line within the resource, so readers can resume.</param>
/// <param name="Timestamp">When the orchestrator read the line.</param>
/// <param name="Text">The line as written.</param>
/// <param name="IsError">True when written to stderr.</param>
public sealed record ResourceLogLine(string Resource, int Replica, long Sequence, DateTimeOffset Timestamp, string Text, bool IsError);
