using System.Buffers.Text;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace SiemActors.Node.Cli;

/// <summary>
/// One keep-alive HTTP/1.1 connection of the load generator: one request at a time, its head written once per
/// connection apart from the length, and the response read only as far as its status and where it ends
/// (<c>Content-Length</c> or chunked). The load runs on the same two cores as the node it measures: HttpClient cost
/// 27 µs of CPU per /analyze request there, against the node's 71 µs to answer it.
/// </summary>
public sealed class LoadConnection : IAsyncDisposable
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray(), LineEnd = "\r\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly byte[] _head;    // request line and headers up to "Content-Length: "
    private byte[] _send = new byte[4096];
    private byte[] _buffer = new byte[16 * 1024];
    private int _start, _end;        // unread response bytes in _buffer

    private LoadConnection(Stream stream, byte[] head)
    {
        _stream = stream;
        _head = head;
    }

    /// <summary>False once the server said it closes the connection, or a request on it failed: open a new one.</summary>
    public bool Reusable { get; private set; } = true;

    public static async Task<LoadConnection> OpenAsync(Uri target, string mediaType, string? apiKey, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, ct);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (target.Scheme == Uri.UriSchemeHttps)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = target.IdnHost }, ct);
                stream = tls;
            }
            var head = new StringBuilder()
                .Append("POST ").Append(target.PathAndQuery).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(target.Authority).Append("\r\n")
                .Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8\r\n");
            if (!string.IsNullOrEmpty(apiKey)) head.Append(ApiKeyOption.Header).Append(": ").Append(apiKey).Append("\r\n");
            head.Append("Content-Length: ");
            return new LoadConnection(stream, Encoding.ASCII.GetBytes(head.ToString()));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Posts <paramref name="body"/> and reads the whole response; returns its status code.</summary>
    /// <exception cref="HttpRequestException">The connection closed, or the response was not HTTP/1.1 as this reads it.</exception>
    public async Task<int> PostAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        Reusable = false; // until the response has been read to its end
        var length = _head.Length + 11 + HeadEnd.Length + body.Length; // 11: the most digits a length can have
        if (_send.Length < length) _send = new byte[Math.Max(length, _send.Length * 2)];
        _head.CopyTo(_send, 0);
        var at = _head.Length;
        Utf8Formatter.TryFormat(body.Length, _send.AsSpan(at), out var digits);
        at += digits;
        HeadEnd.CopyTo(_send, at);
        at += HeadEnd.Length;
        body.Span.CopyTo(_send.AsSpan(at));
        await _stream.WriteAsync(_send.AsMemory(0, at + body.Length), ct);

        int status;
        long contentLength;
        bool chunked, close;
        do
        {
            // An interim answer (100 Continue) has no body; the final one follows it.
            var headEnd = await FillUntilAsync(HeadEnd, ct);
            (status, contentLength, chunked, close) = ParseHead(_buffer.AsSpan(_start, headEnd - _start));
            _start = headEnd + HeadEnd.Length;
        }
        while (status is >= 100 and < 200);
        if (chunked) await SkipChunksAsync(ct);
        else await SkipAsync(contentLength, ct);
        Reusable = !close;
        return status;
    }

    private static (int Status, long ContentLength, bool Chunked, bool Close) ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
            throw new HttpRequestException($"not an HTTP/1.x response: '{Encoding.ASCII.GetString(head[..Math.Min(head.Length, 40)])}'");
        long contentLength = 0;
        bool chunked = false, close = head[7] == (byte)'0'; // HTTP/1.0 closes unless it says otherwise
        foreach (var range in head.Split(LineEnd.AsSpan()))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                    throw new HttpRequestException("bad Content-Length");
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8)) chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8)) close = Ascii.EqualsIgnoreCase(value, "close"u8);
        }
        return (status, contentLength, chunked, close);
    }

    private async Task SkipChunksAsync(CancellationToken ct)
    {
        while (true)
        {
            var lineEnd = await FillUntilAsync(LineEnd, ct);
            var line = _buffer.AsSpan(_start, lineEnd - _start);
            if (line.IndexOf((byte)';') is var ext and >= 0) line = line[..ext];
            if (!Utf8Parser.TryParse(line.Trim((byte)' '), out ulong size, out _, 'X') || size > int.MaxValue)
                throw new HttpRequestException("bad chunk size");
            _start = lineEnd + LineEnd.Length;
            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while (true)
                {
                    var end = await FillUntilAsync(LineEnd, ct);
                    var empty = end == _start;
                    _start = end + LineEnd.Length;
                    if (empty) return;
                }
            }
            await SkipAsync((long)size + LineEnd.Length, ct);
        }
    }

    private async Task SkipAsync(long count, CancellationToken ct)
    {
        while (true)
        {
            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
            if (count == 0) return;
            _start = _end = 0;
            await ReadMoreAsync(ct);
        }
    }

    /// <summary>Reads until <paramref name="marker"/> is in the unread bytes; returns where it starts.</summary>
    private async Task<int> FillUntilAsync(byte[] marker, CancellationToken ct)
    {
        var searched = _start;
        while (true)
        {
            var found = _buffer.AsSpan(searched, _end - searched).IndexOf(marker);
            if (found >= 0) return searched + found;
            searched = Math.Max(_start, _end - marker.Length + 1);
            if (_start > 0 && _end == _buffer.Length)
            {
                // Move what is unread to the front before reading more.
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                searched -= _start;
                (_end, _start) = (_end - _start, 0);
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= 1024 * 1024) throw new HttpRequestException("response head over 1 MiB");
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            await ReadMoreAsync(ct);
        }
    }

    private async Task ReadMoreAsync(CancellationToken ct)
    {
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
        if (read == 0) throw new HttpRequestException("the server closed the connection");
        _end += read;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
