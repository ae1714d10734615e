using System.Globalization;
using SiemActors.Domain.Geo;

namespace SiemActors.Detection.Simulation;

/// <summary>
/// The countries the simulator assigned to the public addresses it used (exact addresses and "a.b." block prefixes).
/// A stand-in for the GeoIP database when evaluating simulated traffic: the simulated addresses are invented, so a real
/// database would place them anywhere. Written next to the log as CSV (<c>address-or-prefix,country</c>).
/// </summary>
public sealed class GeoTable : IGeoIpLookup
{
    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>Adds an address, or a block when <paramref name="addressOrPrefix"/> ends with a dot.</summary>
    public void Add(string addressOrPrefix, string country) => _entries[addressOrPrefix] = country.ToUpperInvariant();

    public GeoResult Lookup(string ip)
    {
        if (InternalRanges.Classify(ip) is { } notPublic) return notPublic;
        if (_entries.TryGetValue(ip, out var exact)) return new GeoResult(GeoKind.Public, exact);
        // Longest block first: "81.2.3." before "81.2." before "81.".
        for (var end = ip.LastIndexOf('.'); end > 0; end = ip.LastIndexOf('.', end - 1))
        {
            if (_entries.TryGetValue(ip[..(end + 1)], out var block)) return new GeoResult(GeoKind.Public, block);
        }
        return GeoResult.Unknown;
    }

    public void Save(string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("# address or block prefix, ISO country: the simulator's stand-in for a GeoIP database");
        foreach (var (key, country) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal)) writer.WriteLine($"{key},{country}");
    }

    public static GeoTable Load(string path)
    {
        var table = new GeoTable();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var comma = line.IndexOf(',');
            if (comma <= 0 || comma == line.Length - 1)
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}: expected 'address,country', got '{line}'"));
            table.Add(line[..comma].Trim(), line[(comma + 1)..].Trim());
        }
        return table;
    }
}
