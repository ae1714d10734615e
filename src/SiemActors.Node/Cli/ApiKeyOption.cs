using System.CommandLine;

namespace SiemActors.Node.Cli;

/// <summary><c>--api-key</c> for the client verbs; defaults to <c>SIEM_API_KEY</c> so the key stays out of shell history.</summary>
public static class ApiKeyOption
{
    public static Option<string?> Create() => new("--api-key")
    {
        Description = "API key with the ingest scope (default: the SIEM_API_KEY environment variable)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SIEM_API_KEY"),
    };

    /// <summary>The request header the key goes in.</summary>
    public const string Header = "X-Api-Key";

    public static void Apply(HttpClient http, string? key)
    {
        if (!string.IsNullOrEmpty(key)) http.DefaultRequestHeaders.Add(Header, key);
    }
}
