namespace SiemActors.Domain.Geo;

/// <summary>Where an address is: a public address in a country, an internal (private, loopback, link-local) one, or unknown.</summary>
public enum GeoKind : byte { Unresolved = 0, Unknown = 1, Internal = 2, Public = 3 }

/// <param name="Country">ISO 3166 alpha-2 code, only for <see cref="GeoKind.Public"/> addresses found in the database.</param>
public readonly record struct GeoResult(GeoKind Kind, string? Country)
{
    public static readonly GeoResult Unknown = new(GeoKind.Unknown, null);
    public static readonly GeoResult Internal = new(GeoKind.Internal, null);

    /// <summary>The word the entity profile shows: the country code, <c>internal</c>, or <c>unknown</c>.</summary>
    public string Describe() => Kind switch
    {
        GeoKind.Public when Country is not null => Country,
        GeoKind.Internal => "internal",
        _ => "unknown",
    };
}

/// <summary>IP to country. Implementations must be thread-safe: every IP entity on a node shares one.</summary>
public interface IGeoIpLookup
{
    GeoResult Lookup(string ip);
}

/// <summary>The lookup of a node without a database: internal ranges are still recognised, everything else is unknown.</summary>
public sealed class NoGeoIpLookup : IGeoIpLookup
{
    public static readonly NoGeoIpLookup Instance = new();

    public GeoResult Lookup(string ip) => InternalRanges.Classify(ip) ?? GeoResult.Unknown;
}
