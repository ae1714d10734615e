using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using Microsoft.AspNetCore.Http;
using SiemActors.Domain.Events;
using SiemActors.Node.Http;
using SiemActors.Node.Security.Fuzzing;

namespace SiemActors.Node.Tests.Fuzz;

/// <summary>Properties of the HTTP body readers over arbitrary input: they answer or refuse with a reason, never throw.</summary>
public sealed class BodyReaderProperties
{
    [Property(MaxTest = 3000)]
    public bool Analyze_bodies_are_read_or_refused_with_a_reason(string? line, string? source, bool metadataIsObject, int limitSeed)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["log_line"] = line,
            ["source"] = source,
            ["metadata"] = metadataIsObject ? new { a = line } : line,
        });
        using var doc = JsonDocument.Parse(json);
        var ok = AnalyzeRequest.TryRead(doc.RootElement, SourceKind.Auto, Limit(limitSeed), out var request, out var error);
        return ok
            ? !string.IsNullOrWhiteSpace(request.LogLine) && Encoding.UTF8.GetByteCount(request.LogLine) <= Limit(limitSeed) && error.Length == 0
            : error.Length is > 0 and < 400;
    }

    [Property(MaxTest = 2000)]
    public bool Any_JSON_value_is_read_or_refused_with_a_reason(int seed)
    {
        var random = new Random(seed);
        using var doc = JsonDocument.Parse(RandomJson(random, 0));
        var ok = AnalyzeRequest.TryRead(doc.RootElement, SourceKind.Auto, 65536, out _, out var error);
        return ok || error.Length > 0;
    }

    [Property(MaxTest = 500)]
    public bool Mutated_real_lines_in_JSON_never_throw(int seed)
    {
        var inputs = new FuzzInputs(seed, null, null);
        var line = Encoding.UTF8.GetString(inputs.Mutate(Encoding.UTF8.GetBytes(FuzzInputs.RealLines[Math.Abs(seed % FuzzInputs.RealLines.Length)])));
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(new { log_line = line }));
        var ok = AnalyzeRequest.TryRead(doc.RootElement, SourceKind.Auto, 65536, out var request, out var error);
        return ok ? request.LogLine == line : error.Length > 0;
    }

    [Property(MaxTest = 500)]
    public bool The_limited_reader_returns_the_body_or_null_exactly_when_it_is_over_the_limit(byte[] body, int limitSeed, bool sendLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        if (sendLength) context.Request.ContentLength = body.Length;
        using var read = RequestBody.ReadLimitedAsync(context.Request, Limit(limitSeed), CancellationToken.None).GetAwaiter().GetResult();
        return body.Length > Limit(limitSeed) ? read is null : read is not null && read.Memory.Span.SequenceEqual(body);
    }

    private static int Limit(int seed) => seed == int.MinValue ? 0 : Math.Abs(seed) % 100_000;

    private static string RandomJson(Random random, int depth)
    {
        var pick = depth > 6 ? random.Next(4) : random.Next(7);
        return pick switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "false",
            2 => (random.NextDouble() * 1e12 - 5e11).ToString(System.Globalization.CultureInfo.InvariantCulture),
            3 => JsonSerializer.Serialize(RandomString(random)),
            4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(5)).Select(_ =>
                JsonSerializer.Serialize(random.Next(3) switch { 0 => "log_line", 1 => "source", 2 => "metadata", _ => "" }) + ":" + RandomJson(random, depth + 1))) + "}",
        };
    }

    private static string RandomString(Random random)
    {
        var chars = new char[random.Next(0, 80)];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, random.Next(2) == 0 ? 128 : 0xFFFF);
        return new string(chars);
    }
}
