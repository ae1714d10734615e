namespace SiemActors.Node.Security;

/// <summary>What a credential may do, and the authorization policies the endpoints name.</summary>
public static class Scopes
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Admin = "admin";

    /// <summary>The claim type that carries scopes, for API keys and JWTs alike (space-separated or repeated).</summary>
    public const string ClaimType = "scope";

    public static readonly IReadOnlyList<string> All = [Ingest, Read, Admin];

    public const string IngestPolicy = "siem:ingest";
    public const string ReadPolicy = "siem:read";
    public const string AdminPolicy = "siem:admin";

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
