using System.Text.Json;

namespace SiemActors.Node.Http;

/// <summary>A 200 JSON answer written straight to the response with a Utf8JsonWriter (no intermediate DTOs).</summary>
public sealed class JsonBodyResult(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        write(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
