using System.Text.Json;
using SiemActors.Domain.Events;

namespace SiemActors.Node.Http;

/// <summary>The analyze body <c>{"log_line": str, "source": str?, "metadata": {...}?}</c>, validated.</summary>
public readonly record struct AnalyzeRequest(string LogLine, SourceKind Source, JsonElement? Metadata)
{
    /// <summary>Reads one analyze object; <paramref name="error"/> says what was wrong when it returns false.</summary>
    public static bool TryRead(JsonElement body, SourceKind defaultSource, int maxLineBytes, out AnalyzeRequest request, out string error)
    {
        request = default;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object with \"log_line\", got {Describe(body.ValueKind)}";
            return false;
        }
        if (!body.TryGetProperty("log_line", out var lineElement))
        {
            error = "missing \"log_line\"";
            return false;
        }
        if (lineElement.ValueKind != JsonValueKind.String)
        {
            error = $"\"log_line\" must be a string, got {Describe(lineElement.ValueKind)}";
            return false;
        }
        if (!TryGetText(lineElement, out var line))
        {
            error = "\"log_line\" is not valid text (invalid UTF-8 or an unpaired surrogate escape)";
            return false;
        }
        if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
        {
            error = "\"log_line\" is empty";
            return false;
        }
        var bytes = System.Text.Encoding.UTF8.GetByteCount(line);
        if (bytes > maxLineBytes)
        {
            error = $"\"log_line\" is {bytes} bytes; the limit is {maxLineBytes}";
            return false;
        }
        var source = defaultSource;
        if (body.TryGetProperty("source", out var sourceElement) && sourceElement.ValueKind != JsonValueKind.Null)
        {
            if (sourceElement.ValueKind != JsonValueKind.String || !TryGetText(sourceElement, out var sourceName) || !SourceKinds.TryParse(sourceName, out source))
            {
                error = UnknownSource(sourceElement.ValueKind == JsonValueKind.String && TryGetText(sourceElement, out var name) ? name : sourceElement.GetRawText());
                return false;
            }
        }
        JsonElement? metadata = null;
        if (body.TryGetProperty("metadata", out var meta) && meta.ValueKind != JsonValueKind.Null)
        {
            if (meta.ValueKind != JsonValueKind.Object)
            {
                error = $"\"metadata\" must be an object, got {Describe(meta.ValueKind)}";
                return false;
            }
            metadata = meta.Clone();
        }
        request = new AnalyzeRequest(line, source, metadata);
        error = "";
        return true;
    }

    /// <summary>
    /// A JSON string as text. JsonDocument.Parse does not check the bytes inside strings: invalid UTF-8 or an unpaired
    /// <c>\ud800</c> escape only throws when the string is read, and must be a 400 rather than a 500.
    /// </summary>
    public static bool TryGetText(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    public static string UnknownSource(string? name) =>
        $"unknown source '{name}': expected one of {string.Join(", ", SourceKinds.Names)}";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
