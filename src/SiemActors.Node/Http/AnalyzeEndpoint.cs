using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;

namespace SiemActors.Node.Http;

/// <summary><c>POST /api/v1/logs/analyze</c>: one line in, its verdict out, once it has been scored.</summary>
public static class AnalyzeEndpoint
{
    public static async Task<IResult> Handle(HttpContext context, AnalyzeBatcher analyzer, IOptions<HttpLimits> limits)
    {
        var started = Stopwatch.GetTimestamp();
        var max = limits.Value;
        AnalyzeRequest request;
        using (var body = await RequestBody.ReadLimitedAsync(context.Request, max.MaxAnalyzeBodyBytes, context.RequestAborted))
        {
            if (body is null) return Problems.TooLarge($"the body is larger than {max.MaxAnalyzeBodyBytes} bytes");
            if (body.Memory.Span.Trim(" \n\r\t"u8).IsEmpty)
                return Problems.BadRequest("empty body: send {\"log_line\": \"...\"}");

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(body.Memory, new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException ex)
            {
                return Problems.BadRequest($"the body is not valid JSON: {ex.Message}");
            }
            // The request keeps copies (the line as a string, metadata cloned): the buffer can go back after this.
            using (doc)
            {
                if (!AnalyzeRequest.TryRead(doc.RootElement, SourceKind.Auto, max.MaxLineBytes, out request, out var error))
                    return Problems.BadRequest(error);
            }
        }

        var answer = await analyzer.AnalyzeAsync(new RawLine(request.LogLine, request.Source)).WaitAsync(context.RequestAborted);
        switch (answer)
        {
            case Security.AdmissionRefused refused:
                return refused.ToResult(context);
            case BatchFailed failed:
                return Problems.Unavailable(context, failed.Reason);
            case RejectedLine rejected:
                return Problems.BadRequest($"the line could not be parsed: {rejected.Error}");
            case IndexedVerdict v:
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                return new JsonBodyResult(w =>
                {
                    w.WriteStartObject();
                    VerdictJson.WriteFields(w, v.Event, v.Verdict);
                    if (request.Metadata is { } metadata)
                    {
                        w.WritePropertyName("metadata");
                        metadata.WriteTo(w);
                    }
                    w.WriteNumber("processing_time_ms", Math.Round(elapsedMs, 3));
                    w.WriteEndObject();
                });
            default:
                return Problems.Unavailable(context, "the pipeline answered without a verdict; retry");
        }
    }
}
