using System.Net;
using System.Net.Sockets;

namespace SiemActors.Node.Tests.Support;

public static class FreePort
{
    /// <summary>A loopback TCP port nothing listens on now (the OS's pick, released at once).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// <paramref name="count"/> such ports, all different: every listener is held until all are picked. Picked one after
    /// another, the OS may hand back a port just released (dashboard-e2e.sh once got the same port for HTTP and remoting).
    /// </summary>
    public static int[] Distinct(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
        }
    }
}
