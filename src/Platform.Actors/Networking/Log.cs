using System.Net;
using Microsoft.Extensions.Logging;

namespace Platform.Actors.Networking;

/// <summary>Transport log messages (event ids 1201–1299). The cluster secret is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(1201, LogLevel.Warning, "Refused connection from {RemoteEndPoint}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, EndPoint remoteEndPoint, string reason);

    [LoggerMessage(1202, LogLevel.Warning, "Handshake with silo {RemoteEndPoint} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, EndPoint remoteEndPoint, string reason);

    [LoggerMessage(1203, LogLevel.Warning, "Connection to {RemoteEndPoint} closed after an error: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, EndPoint remoteEndPoint, string reason);

    [LoggerMessage(1204, LogLevel.Information, "Silo listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, EndPoint endPoint);

    [LoggerMessage(1205, LogLevel.Warning, "Handling a request from {RemoteEndPoint} failed")]
    public static partial void RequestFailed(ILogger logger, EndPoint remoteEndPoint, Exception exception);
}
