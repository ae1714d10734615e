namespace SiemActors.Domain.Entities;

/// <summary>Great-circle distance between country centroids; unknown or equal countries are 0 km apart.</summary>
public static class GeoDistance
{
    public static double BetweenCountriesKm(string? from, string? to)
    {
        if (from is null || to is null || string.Equals(from, to, StringComparison.OrdinalIgnoreCase)) return 0;
        if (!CountryCentroids.TryGet(from, out var a) || !CountryCentroids.TryGet(to, out var b)) return 0;
        return HaversineKm(a.Lat, a.Lon, b.Lat, b.Lon);
    }

    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0088;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
