namespace Platform.Actors.Networking;

/// <summary>What a frame carries. Requests and responses are matched by the frame's correlation id.</summary>
internal enum FrameKind : byte
{
    Request = 1,
    OneWayRequest = 2,
    Response = 3,
    Ping = 4,
    Pong = 5,

    // The sender changed the membership table: re-read it now instead of at the next refresh (Orleans' gossip).
    Gossip = 6,
}
