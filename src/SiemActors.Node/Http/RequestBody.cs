using System.Buffers;
using System.IO.Pipelines;

namespace SiemActors.Node.Http;

/// <summary>Reads a request body into memory up to a limit, without trusting Content-Length.</summary>
public static class RequestBody
{
    /// <returns>The body, or null when it is larger than <paramref name="limit"/> bytes.</returns>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int limit, CancellationToken ct)
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
                var bytes = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return bytes;
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
