using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;

namespace SiemActors.Node.Http;

/// <summary>
/// <c>POST /api/v1/logs</c>: a batch as NDJSON, a JSON array, or plain lines. Lines that cannot be read are
/// listed in <c>rejected</c> with their index and reason; the rest are scored before the answer is sent.
/// </summary>
public static class BatchEndpoint
{
    public static async Task<IResult> Handle(HttpContext context, IngressClient ingress, IOptions<HttpLimits> limits)
    {
        var max = limits.Value;
        var query = context.Request.Query;
        var defaultSource = SourceKind.Auto;
        if (query.TryGetValue("source", out var sourceValue) && !SourceKinds.TryParse(sourceValue.ToString(), out defaultSource))
            return Problems.BadRequest(AnalyzeRequest.UnknownSource(sourceValue.ToString()));
        var detail = query["verdicts"].ToString() switch
        {
            "" or "none" => VerdictDetail.None,
            "anomalies" => VerdictDetail.Anomalies,
            "all" => VerdictDetail.All,
            var other => (VerdictDetail?)null,
        };
        if (detail is null) return Problems.BadRequest($"unknown verdicts '{query["verdicts"]}': expected none, anomalies or all");

        var media = RequestBody.MediaType(context.Request);
        var items = new BatchItems(max, defaultSource);
        string? error;
        using (var body = await RequestBody.ReadLimitedAsync(context.Request, max.MaxBatchBodyBytes, context.RequestAborted))
        {
            if (body is null) return Problems.TooLarge($"the batch is larger than {max.MaxBatchBodyBytes} bytes; split it");
            if (body.Length == 0) return Problems.BadRequest("empty body: send NDJSON, a JSON array, or text/plain lines");
            error = media switch
            {
                "application/x-ndjson" or "application/ndjson" or "application/jsonl" => items.ReadNdjson(body.Memory.Span),
                "application/json" => items.ReadJsonArray(body.Memory),
                "text/plain" or "" => items.ReadPlainLines(body.Memory.Span),
                _ => $"unsupported Content-Type '{media}': use application/x-ndjson, application/json or text/plain",
            };
        }
        if (error is not null) return Problems.BadRequest(error);
        if (items.Count > max.MaxBatchLines)
            return Problems.TooLarge($"the batch has {items.Count} lines; the limit is {max.MaxBatchLines}");
        if (items.Count == 0) return Problems.BadRequest("the batch holds no lines");

        BatchResult result;
        if (items.Lines.Count == 0)
        {
            result = new BatchResult(0, [], 0, 0, []);
        }
        else
        {
            var answer = await ingress.IngestAsync(new IngestBatch(items.Lines, DateTimeOffset.UtcNow, detail.Value), context.RequestAborted);
            if (answer is Security.AdmissionRefused refused) return refused.ToResult(context);
            if (answer is BatchFailed failed) return Problems.Unavailable(context, failed.Reason);
            result = (BatchResult)answer;
        }
        return new JsonBodyResult(w => Write(w, result, items));
    }

    private static void Write(Utf8JsonWriter w, BatchResult result, BatchItems items)
    {
        w.WriteStartObject();
        w.WriteNumber("accepted", result.Accepted);
        w.WriteStartArray("rejected");
        foreach (var (index, reason) in items.MergeRejected(result.Rejected))
        {
            w.WriteStartObject();
            w.WriteNumber("index", index);
            w.WriteString("error", reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("anomalies", result.Anomalies);
        w.WriteNumber("alerts", result.Alerts);
        if (result.Verdicts.Count > 0)
        {
            w.WriteStartArray("verdicts");
            foreach (var v in result.Verdicts)
            {
                w.WriteStartObject();
                w.WriteNumber("index", items.OriginalIndex(v.Index));
                VerdictJson.WriteFields(w, v.Event, v.Verdict);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>The lines of one batch that go on to the pipeline, and those refused before it, by their position in the request.</summary>
    private sealed class BatchItems(HttpLimits limits, SourceKind defaultSource)
    {
        private readonly List<int> _originalIndex = [];
        private readonly List<(int Index, string Error)> _rejected = [];

        public List<RawLine> Lines { get; } = [];
        public int Count { get; private set; }

        public int OriginalIndex(int pipelineIndex) => _originalIndex[pipelineIndex];

        public IEnumerable<(int Index, string Error)> MergeRejected(IReadOnlyList<RejectedLine> fromPipeline) =>
            _rejected.Concat(fromPipeline.Select(r => (OriginalIndex(r.Index), r.Error))).OrderBy(r => r.Item1);

        public string? ReadPlainLines(ReadOnlySpan<byte> body)
        {
            // Line by line from the bytes: '\n' never occurs inside a multi-byte UTF-8 sequence, so this decodes
            // exactly as decoding the whole body would, without a body-sized string.
            while (!body.IsEmpty)
            {
                var nl = body.IndexOf((byte)'\n');
                var raw = nl < 0 ? body : body[..nl];
                body = nl < 0 ? [] : body[(nl + 1)..];
                if (!raw.IsEmpty && raw[^1] == (byte)'\r') raw = raw[..^1];
                if (raw.IsEmpty) continue;
                AddLine(Encoding.UTF8.GetString(raw), defaultSource);
                if (Count > limits.MaxBatchLines) break;
            }
            return null;
        }

        public string? ReadNdjson(ReadOnlySpan<byte> body)
        {
            var span = body;
            while (!span.IsEmpty)
            {
                var nl = span.IndexOf((byte)'\n');
                var line = nl < 0 ? span : span[..nl];
                span = nl < 0 ? [] : span[(nl + 1)..];
                if (line.Trim(" \t\r"u8).IsEmpty) continue;
                try
                {
                    using var doc = JsonDocument.Parse(line.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
                    AddObject(doc.RootElement);
                }
                catch (JsonException ex)
                {
                    Reject($"not valid JSON: {ex.Message}");
                }
                if (Count > limits.MaxBatchLines) break;
            }
            return null;
        }

        public string? ReadJsonArray(ReadOnlyMemory<byte> body)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException ex)
            {
                return $"the body is not valid JSON: {ex.Message}";
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Array)
                    return "expected a JSON array of {\"log_line\": ...} objects (or send application/x-ndjson)";
                foreach (var element in doc.RootElement.EnumerateArray())
                {
                    if (element.ValueKind == JsonValueKind.String)
                    {
                        if (AnalyzeRequest.TryGetText(element, out var text)) AddLine(text, defaultSource);
                        else Reject("not valid text (invalid UTF-8 or an unpaired surrogate escape)");
                    }
                    else AddObject(element);
                    if (Count > limits.MaxBatchLines) break;
                }
            }
            return null;
        }

        private void AddObject(JsonElement element)
        {
            if (AnalyzeRequest.TryRead(element, defaultSource, limits.MaxLineBytes, out var request, out var error))
                Accept(request.LogLine, request.Source);
            else
                Reject(error);
        }

        private void AddLine(string line, SourceKind source)
        {
            var bytes = Encoding.UTF8.GetByteCount(line);
            if (bytes > limits.MaxLineBytes) Reject($"line is {bytes} bytes; the limit is {limits.MaxLineBytes}");
            else Accept(line, source);
        }

        private void Accept(string line, SourceKind source)
        {
            _originalIndex.Add(Count++);
            Lines.Add(new RawLine(line, source));
        }

        private void Reject(string error) => _rejected.Add((Count++, error));
    }
}
