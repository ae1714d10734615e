using System.Net;
using System.Net.Sockets;

namespace SiemActors.Node.Syslog;

/// <summary>RFC 5426: one syslog message per datagram. A full queue drops the datagram (and counts it): UDP cannot push back.</summary>
public sealed class UdpSyslogListener(IPEndPoint bindTo, SyslogOptions options, SyslogBatcher batcher, SyslogListenerStats stats, ILogger log)
    : ISyslogListener
{
    private const int MaxDatagram = 65_535;
    private readonly CancellationTokenSource _stop = new();
    private readonly ThrottledWarning _warn = new(log, "udp", TimeSpan.FromSeconds(10));
    private Socket? _socket;
    private IPEndPoint? _bound;
    private Task _loop = Task.CompletedTask;

    public string Name => "udp";
    public IPEndPoint LocalEndPoint => _bound ?? bindTo;
    public SyslogListenerStats Stats => stats;

    public void Start()
    {
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // A large kernel buffer absorbs bursts while the batcher catches up; the OS may cap it, which is fine.
            _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        }
        catch (SocketException)
        {
        }
        _socket.Bind(bindTo);
        _bound = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    private async Task ReceiveLoopAsync()
    {
        var socket = _socket!;
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram);
        EndPoint any = new IPEndPoint(bindTo.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                // E.g. an ICMP port-unreachable reported on the socket: nothing to do with the next datagram.
                log.LogDebug("Syslog udp: receive failed ({Error}); listening on", ex.SocketErrorCode);
                continue;
            }
            Handle(buffer.AsSpan(0, received.ReceivedBytes), received.RemoteEndPoint);
        }
    }

    private void Handle(ReadOnlySpan<byte> datagram, EndPoint remote)
    {
        stats.AddBytes(datagram.Length);
        stats.CountReceived();
        if (datagram.Length > options.MaxFrameBytes)
        {
            stats.CountRejected();
            _warn.Report($"a datagram of {datagram.Length} bytes is over the {options.MaxFrameBytes}-byte limit; dropped", remote);
            return;
        }
        var line = SyslogFramer.Decode(datagram);
        if (line.Length == 0) return;
        if (batcher.TryWrite(line))
        {
            stats.CountFramed();
            return;
        }
        stats.CountDropped();
        _warn.Report($"the queue is full ({options.QueueCapacity} lines): datagram dropped", remote);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
