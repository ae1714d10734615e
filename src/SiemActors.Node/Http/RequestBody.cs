using System.Buffers;
using System.IO.Pipelines;

namespace SiemActors.Node.Http;

/// <summary>Reads a request body into memory up to a limit, without trusting Content-Length.</summary>
public static class RequestBody
{
    /// <summary>
    /// Reads the whole body into a rented buffer: batch bodies run to megabytes, and a fresh array per request lands
    /// on the large-object heap, whose churn drives gen-2 collections on a busy node.
    /// </summary>
    /// <returns>The body (dispose it to return the buffer), or null when it is larger than <paramref name="limit"/> bytes.</returns>
    public static async Task<PooledBody?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(ct).ConfigureAwait(false);
            if (read.Buffer.Length > limit)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return null;
            }
            if (read.IsCompleted || read.IsCanceled)
            {
                var length = (int)read.Buffer.Length;
                var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
                read.Buffer.CopyTo(rented);
                reader.AdvanceTo(read.Buffer.End);
                return new PooledBody(rented, length);
            }
            // Consume nothing yet: ask for more until the body is complete.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    public static string MediaType(HttpRequest request)
    {
        var ct = request.ContentType;
        if (string.IsNullOrEmpty(ct)) return "";
        var semi = ct.IndexOf(';');
        return (semi < 0 ? ct : ct[..semi]).Trim().ToLowerInvariant();
    }
}

/// <summary>A request body in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; returned on dispose.</summary>
public sealed class PooledBody(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public int Length { get; } = length;

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, Length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } b) ArrayPool<byte>.Shared.Return(b);
    }
}
