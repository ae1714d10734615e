using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SiemActors.Node.Syslog;

/// <summary>
/// Syslog over TCP (RFC 6587), or over TLS (RFC 5425) when given a certificate. Each connection is read through a
/// <see cref="PipeReader"/> and split by its own <see cref="SyslogFramer"/>; lines wait for room in the queue, so a
/// pipeline that falls behind slows the senders instead of losing their lines.
/// </summary>
public sealed class TcpSyslogListener(
    string name, IPEndPoint bindTo, X509Certificate2? certificate, SyslogOptions options, SyslogBatcher batcher,
    SyslogListenerStats stats, ILogger log) : ISyslogListener
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly ThrottledWarning _warn = new(log, name, TimeSpan.FromSeconds(10));
    private Socket? _socket;
    private IPEndPoint? _bound;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextConnectionId;

    public string Name => name;
    public IPEndPoint LocalEndPoint => _bound ?? bindTo;
    public SyslogListenerStats Stats => stats;

    public void Start()
    {
        _socket = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(bindTo);
        _socket.Listen(512);
        _bound = (IPEndPoint)_socket.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                log.LogDebug("Syslog {Listener}: accept failed ({Error}); listening on", name, ex.SocketErrorCode);
                continue;
            }
            if (_connections.Count >= options.MaxConnections)
            {
                _warn.Report($"{options.MaxConnections} connections are open already; connection refused", client.RemoteEndPoint);
                client.Dispose();
                continue;
            }
            // Registered before it runs, so a connection that ends at once cannot be removed before it was added.
            var id = Interlocked.Increment(ref _nextConnectionId);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[id] = done.Task;
            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client).ConfigureAwait(false);
                }
                finally
                {
                    _connections.TryRemove(id, out _);
                    done.SetResult();
                }
            });
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var remote = client.RemoteEndPoint;
        stats.ConnectionOpened();
        Stream stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            if (certificate is not null) stream = await HandshakeAsync(stream).ConfigureAwait(false);
            await ReadFramesAsync(PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)), remote).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or OperationCanceledException)
        {
            // A sender that resets, times out its handshake or speaks something else: its connection ends, nothing else does.
            log.LogInformation("Syslog {Listener}: connection from {Remote} ended: {Error}", name, remote, ex.Message);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            stats.ConnectionClosed();
        }
    }

    private async Task<Stream> HandshakeAsync(Stream network)
    {
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(options.TlsHandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = false,
            }, timeout.Token).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ReadFramesAsync(PipeReader reader, EndPoint? remote)
    {
        var framer = new SyslogFramer(options.MaxFrameBytes);
        long carried = 0; // bytes left unconsumed by the previous read, already counted
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                stats.AddBytes(buffer.Length - carried);
                while (true)
                {
                    var result = framer.Read(ref buffer, out var line, out var reason);
                    if (result == FrameResult.NeedMore) break;
                    if (!await HandleAsync(result, line, reason, remote).ConfigureAwait(false)) return;
                }
                if (read.IsCompleted)
                {
                    var last = framer.Complete(ref buffer, out var line, out var reason);
                    if (last != FrameResult.NeedMore) await HandleAsync(last, line, reason, remote).ConfigureAwait(false);
                    return;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                carried = buffer.Length;
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <returns>false when the connection must be closed.</returns>
    private async ValueTask<bool> HandleAsync(FrameResult result, string? line, string? reason, EndPoint? remote)
    {
        stats.CountReceived();
        switch (result)
        {
            case FrameResult.Frame:
                await batcher.WriteAsync(line!, _stop.Token).ConfigureAwait(false);
                stats.CountFramed();
                return true;
            case FrameResult.Rejected:
                stats.CountRejected();
                _warn.Report(reason!, remote);
                return true;
            default:
                stats.CountRejected();
                log.LogWarning("Syslog {Listener}: closing the connection from {Remote}: {Reason}", name, remote, reason);
                return false;
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stop.Dispose();
    }
}
