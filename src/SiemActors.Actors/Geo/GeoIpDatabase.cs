using System.Net;
using MaxMind.Db;
using Microsoft.Extensions.Logging;
using SiemActors.Domain.Geo;

namespace SiemActors.Actors.Geo;

/// <summary>
/// Country of public IPs from a MaxMind-format (MMDB) file: the CC0 ip-location-db country database by
/// default (<c>country_code</c> records), or a MaxMind GeoIP2/GeoLite2 country or city file
/// (<c>country.iso_code</c>). Lookups are thread-safe and memory-mapped; each IP entity looks its own
/// address up once per activation, so the reader is off the per-event path.
/// </summary>
public sealed class GeoIpDatabase : IGeoIpLookup, IDisposable
{
    public const string DefaultFileName = "geo-whois-asn-country.mmdb";
    private readonly Reader _reader;

    private GeoIpDatabase(Reader reader) => _reader = reader;

    public string DatabaseType => _reader.Metadata.DatabaseType;

    /// <summary>The database at <paramref name="path"/>, or the internal-ranges-only lookup (logged once) when it is missing or unreadable.</summary>
    public static IGeoIpLookup OpenOrFallback(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            logger.LogWarning("No GeoIP database at {Path}: countries are unknown (internal ranges still recognised). Run scripts/fetch-geoip.sh or set Siem:GeoIp:DatabasePath", path);
            return NoGeoIpLookup.Instance;
        }
        try
        {
            var db = new GeoIpDatabase(new Reader(path, FileAccessMode.MemoryMapped));
            logger.LogInformation("GeoIP database {Path} ({Type}, built {Built:u})", path, db.DatabaseType, db._reader.Metadata.BuildDate);
            return db;
        }
        catch (Exception ex) when (ex is InvalidDatabaseException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "GeoIP database {Path} could not be read: countries are unknown", path);
            return NoGeoIpLookup.Instance;
        }
    }

    public GeoResult Lookup(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address)) return GeoResult.Unknown;
        if (InternalRanges.IsInternal(address)) return GeoResult.Internal;
        try
        {
            var record = _reader.Find<CountryRecord>(address);
            var code = record?.CountryCode ?? record?.Country?.IsoCode;
            // Interned: a million IP entities of one country share one string.
            return code is { Length: 2 } ? new GeoResult(GeoKind.Public, string.Intern(code.ToUpperInvariant())) : GeoResult.Unknown;
        }
        catch (InvalidDatabaseException)
        {
            return GeoResult.Unknown;
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>Both record shapes: ip-location-db's flat <c>country_code</c> and MaxMind's nested <c>country.iso_code</c>.</summary>
    internal sealed class CountryRecord
    {
        [MaxMind.Db.Constructor]
        public CountryRecord([MaxMind.Db.MapKey("country_code")] string? countryCode = null, [MaxMind.Db.MapKey("country")] CountryNode? country = null)
        {
            CountryCode = countryCode;
            Country = country;
        }

        public string? CountryCode { get; }
        public CountryNode? Country { get; }
    }

    internal sealed class CountryNode
    {
        [MaxMind.Db.Constructor]
        public CountryNode([MaxMind.Db.MapKey("iso_code")] string? isoCode = null) => IsoCode = isoCode;

        public string? IsoCode { get; }
    }
}
