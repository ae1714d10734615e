using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SiemActors.Node.OpenApi;

/// <summary>
/// The API writes snake_case (<see cref="Http.NodeJson"/>), but the document generator names properties with the
/// minimal-API defaults (camelCase). Renaming here keeps the document true without changing how anything is served.
/// Problem details keep their RFC 7807 names.
/// </summary>
internal static class SnakeCaseSchemas
{
    public static Task Transform(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type)) return Task.CompletedTask;
        if (schema.Properties is { Count: > 0 } properties)
        {
            var renamed = new Dictionary<string, IOpenApiSchema>(properties.Count, StringComparer.Ordinal);
            foreach (var (name, value) in properties) renamed[Snake(name)] = value;
            schema.Properties = renamed;
        }
        if (schema.Required is { Count: > 0 } required)
            schema.Required = new HashSet<string>(required.Select(Snake), StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
