using Microsoft.Extensions.Logging.Abstractions;
using SiemActors.Actors.Geo;
using SiemActors.Domain.Geo;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

/// <summary>The node runs without a database; with one (SIEM_GEOIP_DB, or the file fetch-geoip.sh puts under ./data) countries resolve.</summary>
public sealed class GeoIpDatabaseSpec
{
    [Fact]
    public void Without_a_database_internal_ranges_are_still_known_and_the_rest_is_unknown()
    {
        var geo = GeoIpDatabase.OpenOrFallback(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.mmdb"), NullLogger.Instance);
        Assert.Equal(GeoKind.Internal, geo.Lookup("192.168.1.20").Kind);
        Assert.Equal(GeoKind.Unknown, geo.Lookup("8.8.8.8").Kind);
        Assert.Equal("internal", geo.Lookup("127.0.0.1").Describe());
    }

    [Fact]
    public void With_the_fetched_database_public_ips_get_their_country()
    {
        var path = Environment.GetEnvironmentVariable("SIEM_GEOIP_DB") is { Length: > 0 } p ? p : DefaultFetchedFile();
        if (path is null || !File.Exists(path)) return; // the tests must not need the database; .ci/run fetches it when npm can
        var geo = GeoIpDatabase.OpenOrFallback(path, NullLogger.Instance);
        Assert.IsType<GeoIpDatabase>(geo);
        Assert.Equal(new GeoResult(GeoKind.Public, "US"), geo.Lookup("8.8.8.8"));
        Assert.Equal(GeoKind.Public, geo.Lookup("2001:4860:4860::8888").Kind);
        Assert.Equal(GeoKind.Internal, geo.Lookup("10.0.0.1").Kind);
        (geo as IDisposable)?.Dispose();
    }

    private static string? DefaultFetchedFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SiemActors.sln")))
                return new GeoIpSettings().ResolvePath(Path.Combine(dir.FullName, "data"));
        return null;
    }
}
