using System.Text.Json;

namespace SiemActors.Node.Http;

public static class NodeJson
{
    /// <summary>snake_case, like the rest of the public API.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };
}
