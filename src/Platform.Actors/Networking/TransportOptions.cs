namespace Platform.Actors.Networking;

/// <summary>Connection settings shared by silos and clients.</summary>
internal sealed record TransportOptions(TimeSpan ConnectTimeout, TimeSpan ReconnectDelay, TimeSpan MaxReconnectDelay);
