namespace SiemActors.Node.Syslog;

/// <summary>Bound from <c>Siem:Syslog</c>. A listener runs only when its port is set (0 picks a free port).</summary>
public sealed class SyslogOptions
{
    public const string Section = "Siem:Syslog";

    /// <summary>The address the listeners bind to. Loopback by default, like the HTTP API: set 0.0.0.0 to receive from the network.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public int? UdpPort { get; set; }
    public int? TcpPort { get; set; }

    /// <summary>RFC 5425 syslog over TLS; needs <see cref="TlsCertificatePath"/>.</summary>
    public int? TlsPort { get; set; }

    /// <summary>A PKCS#12 file (.pfx/.p12, with <see cref="TlsCertificatePassword"/>), or a PEM certificate with <see cref="TlsKeyPath"/>.</summary>
    public string? TlsCertificatePath { get; set; }
    public string? TlsCertificatePassword { get; set; }
    public string? TlsKeyPath { get; set; }

    /// <summary>The parser lines are read with: auto detects syslog and hands the message to the sshd, web or JSON parser.</summary>
    public string Source { get; set; } = "auto";

    /// <summary>A longer frame is counted as rejected and skipped (RFC 5425 asks receivers to take at least 2 KiB).</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>A batch goes to the ingress when it holds this many lines, or <see cref="BatchDelay"/> after its first line.</summary>
    public int BatchLines { get; set; } = 500;
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Lines waiting for the batcher, per listener. When full, UDP drops (and counts) and TCP stops reading.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Batches of one listener being scored at once; more wait, which fills the queue, which pushes back.</summary>
    public int MaxBatchesInFlight { get; set; } = 4;

    /// <summary>Open TCP/TLS connections per listener; further ones are closed at once (and logged).</summary>
    public int MaxConnections { get; set; } = 1024;

    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
