using System.Net;
using System.Net.Sockets;

namespace Platform.Hosting.Orchestrator;

// Free loopback ports: the kernel picks one for a throwaway listener. A process-wide set keeps two app models
// in one process (parallel tests) from being handed the same port before either binds it.
internal static class PortAllocator
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> HandedOut = [];

    public static int GetFreePort()
    {
        while (true)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            lock (Gate)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <exception cref="DistributedApplicationException">Something already listens on <paramref name="port"/>.</exception>
    public static int Claim(int port, string owner)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new DistributedApplicationException($"Port {port} for {owner} is already in use by another process: stop that process or choose another port.", ex);
        }

        lock (Gate)
        {
            HandedOut.Add(port);
        }

        return port;
    }
}
