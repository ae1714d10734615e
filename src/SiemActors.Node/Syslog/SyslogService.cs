using System.Net;
using System.Security.Cryptography.X509Certificates;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using SiemActors.Actors.Hosting;
using SiemActors.Domain.Events;

namespace SiemActors.Node.Syslog;

/// <summary>
/// Runs the syslog listeners whose ports are configured, each with its own queue and batcher into the ingress. Stops
/// in order: sockets and connections first, then each queue is drained into the pipeline and its batches answered.
/// Registered after the Akka host, so it stops before the actor system does.
/// </summary>
public sealed class SyslogService(
    IOptions<SyslogOptions> syslogOptions, IOptions<SiemOptions> siemOptions, IRequiredActor<IngressGateway> ingress,
    ILoggerFactory loggers) : IHostedService
{
    private readonly ILogger _log = loggers.CreateLogger<SyslogService>();
    private readonly List<(ISyslogListener Listener, SyslogBatcher Batcher, Task Loop)> _running = [];
    private readonly CancellationTokenSource _abort = new();

    /// <summary>The listeners running now, with their bound endpoints (the real port when 0 was configured).</summary>
    public IReadOnlyList<ISyslogListener> Listeners => _running.Select(r => r.Listener).ToList();

    /// <summary>The bound endpoint of the udp, tcp or tls listener, or null when it does not run.</summary>
    public IPEndPoint? EndpointOf(string name) => _running.FirstOrDefault(r => r.Listener.Name == name).Listener?.LocalEndPoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = syslogOptions.Value;
        if (options.UdpPort is null && options.TcpPort is null && options.TlsPort is null) return;
        Validate(options);
        if (!SourceKinds.TryParse(options.Source, out var source))
            throw new InvalidOperationException($"Siem:Syslog:Source '{options.Source}' is not one of {string.Join(", ", SourceKinds.Names)}");
        var address = IPAddress.Parse(options.BindAddress);
        // Everything that can fail on configuration fails before any socket is bound.
        var certificate = options.TlsPort is null ? null : LoadCertificate(options);

        try
        {
            StartListeners(options, address, certificate, source);
        }
        catch
        {
            // A port already taken: close the listeners that did start before the host reports the failure.
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private void StartListeners(SyslogOptions options, IPAddress address, X509Certificate2? certificate, SourceKind source)
    {
        if (options.UdpPort is { } udp)
            Run("udp", (batcher, stats) => new UdpSyslogListener(new IPEndPoint(address, udp), options, batcher, stats, Logger("udp")), options, source);
        if (options.TcpPort is { } tcp)
            Run("tcp", (batcher, stats) => new TcpSyslogListener("tcp", new IPEndPoint(address, tcp), null, options, batcher, stats, Logger("tcp")), options, source);
        if (options.TlsPort is { } tls)
        {
            Run("tls", (batcher, stats) => new TcpSyslogListener("tls", new IPEndPoint(address, tls), certificate, options, batcher, stats, Logger("tls")), options, source);
        }
    }

    private void Run(string name, Func<SyslogBatcher, SyslogListenerStats, ISyslogListener> create, SyslogOptions options, SourceKind source)
    {
        var stats = new SyslogListenerStats(name);
        var askTimeout = siemOptions.Value.Pipeline.BatchTimeout + TimeSpan.FromSeconds(5);
        var batcher = new SyslogBatcher(stats, options, source, ingress, askTimeout, Logger(name));
        var listener = create(batcher, stats);
        listener.Start();
        SyslogMetrics.Register(stats);
        _running.Add((listener, batcher, Task.Run(() => batcher.RunAsync(_abort.Token))));
        _log.LogInformation("Syslog {Listener} listening on {Endpoint}", name, listener.LocalEndPoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // When the host's shutdown timeout passes, give up on queued lines rather than hold the node up.
        await using var _ = cancellationToken.Register(() => _abort.Cancel());
        foreach (var (listener, batcher, loop) in _running)
        {
            await listener.StopAsync().ConfigureAwait(false);
            batcher.Complete();
            await loop.ConfigureAwait(false);
            SyslogMetrics.Unregister(listener.Stats);
            var s = listener.Stats;
            _log.LogInformation("Syslog {Listener} stopped: {Received} received, {Framed} queued, {Rejected} rejected, {Dropped} dropped, {Failed} lost",
                listener.Name, s.Received, s.Framed, s.Rejected, s.Dropped, s.Failed);
        }
        _running.Clear();
    }

    private ILogger Logger(string listener) => loggers.CreateLogger($"SiemActors.Node.Syslog.{listener}");

    private static void Validate(SyslogOptions o)
    {
        if (!IPAddress.TryParse(o.BindAddress, out _)) throw new InvalidOperationException($"Siem:Syslog:BindAddress '{o.BindAddress}' is not an IP address");
        foreach (var (key, port) in new[] { ("UdpPort", o.UdpPort), ("TcpPort", o.TcpPort), ("TlsPort", o.TlsPort) })
            if (port is < 0 or > 65535) throw new InvalidOperationException($"Siem:Syslog:{key} must be 0..65535, got {port}");
        if (o.MaxFrameBytes < 480) throw new InvalidOperationException("Siem:Syslog:MaxFrameBytes must be at least 480 (RFC 5426)");
        if (o.BatchLines < 1 || o.QueueCapacity < 1 || o.MaxBatchesInFlight < 1 || o.MaxConnections < 1)
            throw new InvalidOperationException("Siem:Syslog:BatchLines, QueueCapacity, MaxBatchesInFlight and MaxConnections must be at least 1");
        if (o.BatchDelay <= TimeSpan.Zero) throw new InvalidOperationException("Siem:Syslog:BatchDelay must be positive");
    }

    private static X509Certificate2 LoadCertificate(SyslogOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.TlsCertificatePath))
            throw new InvalidOperationException("Siem:Syslog:TlsPort is set but Siem:Syslog:TlsCertificatePath is not");
        try
        {
            return o.TlsKeyPath is { Length: > 0 } key
                ? X509Certificate2.CreateFromPemFile(o.TlsCertificatePath, key)
                : X509CertificateLoader.LoadPkcs12FromFile(o.TlsCertificatePath, o.TlsCertificatePassword);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            // Never echo the password: the path and the error are enough to act on.
            throw new InvalidOperationException($"Siem:Syslog:TlsCertificatePath '{o.TlsCertificatePath}' could not be loaded: {ex.Message}", ex);
        }
    }
}
