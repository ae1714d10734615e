using SiemActors.Domain.Entities;

namespace SiemActors.Detection.Simulation;

/// <summary>
/// Hands out unique public addresses for attackers, from blocks that normal clients, crawlers and private ranges never
/// use, each with the country the simulation places it in (recorded in the <see cref="GeoTable"/>).
/// </summary>
public sealed class AttackerAddresses
{
    // Invented placements: a simulated world, not a claim about who owns these blocks.
    private static readonly (string Prefix, string Country)[] Blocks =
    [
        ("45.142.", "RU"), ("5.188.", "RU"), ("91.240.", "UA"), ("185.220.", "DE"), ("193.32.", "NL"), ("103.75.", "VN"),
        ("14.161.", "VN"), ("112.85.", "CN"), ("222.186.", "CN"), ("61.177.", "CN"), ("177.54.", "BR"), ("189.6.", "BR"),
        ("41.58.", "NG"), ("36.89.", "ID"), ("1.179.", "TH"), ("202.162.", "IN"), ("117.211.", "IN"), ("190.210.", "AR"),
        ("200.41.", "CO"), ("196.64.", "MA"), ("110.232.", "AU"), ("121.200.", "KR"), ("133.18.", "JP"), ("197.232.", "KE"),
    ];

    private readonly Random _rng;
    private readonly GeoTable _geo;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public AttackerAddresses(Random rng, GeoTable geo)
    {
        _rng = rng;
        _geo = geo;
    }

    /// <summary>A fresh address anywhere.</summary>
    public (string Ip, string Country) Next() => From(Blocks[_rng.Next(Blocks.Length)]);

    /// <summary>A fresh address in a country at least <paramref name="minKm"/> from <paramref name="country"/> (any when unknown).</summary>
    public (string Ip, string Country) FarFrom(string? country, double minKm)
    {
        var far = Blocks.Where(b => country is null || GeoDistance.BetweenCountriesKm(country, b.Country) >= minKm).ToArray();
        return From(far.Length > 0 ? far[_rng.Next(far.Length)] : Blocks[_rng.Next(Blocks.Length)]);
    }

    private (string, string) From((string Prefix, string Country) block)
    {
        while (true)
        {
            var ip = block.Prefix + _rng.Next(0, 256) + "." + _rng.Next(1, 255);
            if (!_used.Add(ip)) continue;
            _geo.Add(ip, block.Country);
            return (ip, block.Country);
        }
    }
}
