using System.Net;

namespace SiemActors.Node.Syslog;

/// <summary>One listening socket (UDP, TCP or TLS) feeding its own <see cref="SyslogBatcher"/>.</summary>
public interface ISyslogListener
{
    /// <summary>udp, tcp or tls: the <c>listener</c> tag of its metrics.</summary>
    string Name { get; }

    /// <summary>The bound address and port (the real port when 0 was configured).</summary>
    IPEndPoint LocalEndPoint { get; }

    SyslogListenerStats Stats { get; }

    /// <summary>Binds and starts reading; throws when the port cannot be bound.</summary>
    void Start();

    /// <summary>Stops reading: closes the socket and every connection, and waits for their loops to end.</summary>
    Task StopAsync();
}
