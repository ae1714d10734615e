namespace SiemActors.Actors.Geo;

/// <summary>The <c>Siem:GeoIp</c> section.</summary>
public sealed class GeoIpSettings
{
    /// <summary>Any MaxMind-format (MMDB) country or city file. Unset: the CC0 database scripts/fetch-geoip.sh puts under the data dir.</summary>
    public string? DatabasePath { get; set; }

    public string ResolvePath(string dataDir) =>
        DatabasePath is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(Path.GetFullPath(dataDir), "geoip", GeoIpDatabase.DefaultFileName);
}
