using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace SiemActors.Node.OpenApi;

/// <summary>Adds what the generator cannot infer from handlers that read the raw request: query parameters, text bodies, examples.</summary>
internal static class OperationExamples
{
    public static void Query(OpenApiOperation op, string name, string description, string[]? values = null,
        JsonSchemaType type = JsonSchemaType.String, string? format = null)
    {
        var schema = new OpenApiSchema { Type = type, Format = format };
        if (values is not null) schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        op.Parameters ??= [];
        op.Parameters.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Query, Required = false, Description = description, Schema = schema,
        });
    }

    /// <summary>A request body example; the media type must already be declared (Accepts).</summary>
    public static void Request(OpenApiOperation op, string mediaType, string json)
    {
        if (op.RequestBody?.Content is { } content && content.TryGetValue(mediaType, out var media))
            media.Example = JsonNode.Parse(json);
    }

    /// <summary>A request body that is text, not JSON (NDJSON, plain lines): its schema is a string, its example the text.</summary>
    public static void TextBody(OpenApiOperation op, string mediaType, string text, string description)
    {
        if (op.RequestBody?.Content is not { } content) return;
        content[mediaType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = description },
            Example = JsonValue.Create(text),
        };
    }

    /// <summary>A response example; with <paramref name="exampleName"/>, one of several named examples.</summary>
    public static void Response(OpenApiOperation op, int status, string mediaType, string json, string? exampleName = null)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (op.Responses is null || !op.Responses.TryGetValue(key, out var response) || response.Content is null) return;
        if (!response.Content.TryGetValue(mediaType, out var media))
        {
            // Problem responses are declared as application/problem+json already; anything else is added here.
            media = new OpenApiMediaType();
            response.Content[mediaType] = media;
        }
        if (exampleName is null)
        {
            media.Example = JsonNode.Parse(json);
            return;
        }
        media.Examples ??= new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
        media.Examples[exampleName] = new OpenApiExample { Summary = exampleName, Value = JsonNode.Parse(json) };
    }
}
