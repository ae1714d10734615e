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
}
