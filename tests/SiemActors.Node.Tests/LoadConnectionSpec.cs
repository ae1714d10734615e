using System.Net;
using System.Net.Sockets;
using System.Text;
using SiemActors.Node.Cli;
using Xunit;

namespace SiemActors.Node.Tests;

/// <summary>
/// The load generator's HTTP/1.1 connection against a real socket server that answers as servers may: a sized body
/// after an interim 100, a chunked one sent a few bytes at a time, and a refusal that closes the connection.
/// </summary>
public sealed class LoadConnectionSpec
{
    [Fact]
    public async Task Posts_on_one_connection_and_reads_each_answer_to_its_end()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = new List<string>();
        string[] answers =
        [
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
            "HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n10;ext=1\r\n0123456789abcdef\r\n0\r\nX-Trailer: t\r\n\r\n",
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy",
        ];
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var reader = new RequestReader(stream);
            for (var i = 0; i < answers.Length; i++)
            {
                requests.Add(await reader.ReadAsync());
                var bytes = Encoding.ASCII.GetBytes(answers[i]);
                // The chunked answer goes out 7 bytes at a time: the client must put it together across reads.
                var piece = i == 1 ? 7 : bytes.Length;
                for (var at = 0; at < bytes.Length; at += piece)
                {
                    await stream.WriteAsync(bytes.AsMemory(at, Math.Min(piece, bytes.Length - at)));
                    await stream.FlushAsync();
                }
            }
        });

        await using var connection = await LoadConnection.OpenAsync(new Uri($"http://127.0.0.1:{port}/api/v1/logs?source=auto"), "text/plain", "key-1", CancellationToken.None);
        var statuses = new List<(int, bool)>();
        foreach (var body in new[] { "line one\n", "line two\nline three\n", "" })
        {
            var status = await connection.PostAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);
            statuses.Add((status, connection.Reusable));
        }
        await server.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([(200, true), (201, true), (503, false)], statuses);
        Assert.StartsWith("POST /api/v1/logs?source=auto HTTP/1.1\r\n", requests[0]);
        Assert.Contains($"\r\nHost: 127.0.0.1:{port}\r\n", requests[0]);
        Assert.Contains("\r\nContent-Type: text/plain; charset=utf-8\r\n", requests[0]);
        Assert.Contains("\r\nX-Api-Key: key-1\r\n", requests[0]);
        Assert.EndsWith("\r\n\r\nline two\nline three\n", requests[1]);
        Assert.EndsWith("Content-Length: 0\r\n\r\n", requests[2]);
    }

    [Fact]
    public async Task A_connection_the_server_drops_mid_answer_is_an_HTTP_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await new RequestReader(stream).ReadAsync();
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part"u8.ToArray());
        });

        await using var connection = await LoadConnection.OpenAsync(new Uri($"http://127.0.0.1:{port}/"), "text/plain", null, CancellationToken.None);

        await Assert.ThrowsAsync<HttpRequestException>(() => connection.PostAsync("x"u8.ToArray(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(connection.Reusable);
        await server.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Reads one request (head and a Content-Length body) off the stream, as text.</summary>
    private sealed class RequestReader(NetworkStream stream)
    {
        private readonly List<byte> _pending = [];

        public async Task<string> ReadAsync()
        {
            var buffer = new byte[4096];
            while (true)
            {
                var text = Encoding.ASCII.GetString([.. _pending]);
                var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headEnd >= 0)
                {
                    var lengthLine = text[..headEnd].Split("\r\n").Single(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal));
                    var total = headEnd + 4 + int.Parse(lengthLine["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    if (_pending.Count >= total)
                    {
                        _pending.RemoveRange(0, total);
                        return text[..total];
                    }
                }
                var read = await stream.ReadAsync(buffer);
                if (read == 0) throw new IOException("client closed");
                _pending.AddRange(buffer.AsSpan(0, read));
            }
        }
    }
}
