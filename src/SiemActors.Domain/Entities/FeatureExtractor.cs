using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Geo;

namespace SiemActors.Domain.Entities;

/// <summary>
/// The entity stage without actors: one dictionary of IP and one of user behaviours, fed in event order.
/// `siem train` and `siem eval` use it so that offline features are computed exactly as the node computes them.
/// Not thread-safe.
/// </summary>
public sealed class FeatureExtractor(IGeoIpLookup? geo = null)
{
    private readonly IGeoIpLookup _geo = geo ?? NoGeoIpLookup.Instance;
    private readonly Dictionary<string, IpBehaviour> _ips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserBehaviour> _users = new(StringComparer.Ordinal);

    public int IpCount => _ips.Count;
    public int UserCount => _users.Count;

    public float[] Extract(LogEvent ev)
    {
        var f = FeatureNames.NewVector();
        ExtractInto(ev, f);
        return f;
    }

    public void ExtractInto(LogEvent ev, Span<float> f)
    {
        EventFeatures.Fill(ev, f);
        if (ev.SourceIp is { } ip)
        {
            var state = Get(_ips, ip);
            ev = WithCountry(state, ip, ev, _geo);
            state.Observe(ev, f);
        }
        if (ev.UserName is { } user) Get(_users, user).Observe(ev, f);
        else UserDefaults(f);
    }

    /// <summary>
    /// The event with the IP's country set, as the IP entity passes it on to the user entity. The IP resolves its
    /// country once; a country the log itself carried (JSON sources) wins.
    /// </summary>
    public static LogEvent WithCountry(IpBehaviour state, string ip, LogEvent ev, IGeoIpLookup geo)
    {
        if (state.Geo.Kind == GeoKind.Unresolved) state.Geo = geo.Lookup(ip);
        return state.Geo.Country is { } country && ev.SourceCountry is null ? ev with { SourceCountry = country } : ev;
    }

    /// <summary>Values the user features take when the event names no user: nothing unusual about an absent account.</summary>
    public static void UserDefaults(Span<float> f)
    {
        f[FeatureNames.IsKnownIp] = 1;
        f[FeatureNames.IsKnownCountry] = 1;
    }

    private static T Get<T>(Dictionary<string, T> map, string key) where T : new()
    {
        if (!map.TryGetValue(key, out var v)) map[key] = v = new T();
        return v;
    }
}
