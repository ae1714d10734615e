using SiemActors.Domain.Events;
using SiemActors.Domain.Features;

namespace SiemActors.Domain.Entities;

/// <summary>
/// What one account usually looks like: the IPs and countries it logs in from, its login hours, its
/// last successful login, and failures since then. <see cref="Observe"/> writes the user's part of the
/// feature vector. Sets are bounded (least recently seen evicted) and created on first use.
/// </summary>
public sealed class UserBehaviour
{
    public const int MaxIpsTracked = 32;
    public const int MaxCountriesTracked = 16;
    public const int MaxIpsTriedTracked = 32;

    // "Known" = a successful login came from there; "tried" = any attempt, for the analyst's profile.
    // Mutable structs, not readonly; storage comes on first use.
    private RecentSet _knownIps = new(MaxIpsTracked);
    private RecentSet _knownCountries = new(MaxCountriesTracked);
    private RecentSet _ipsTried = new(MaxIpsTriedTracked);
    private int[]? _loginHours;   // successful logins per hour of day (event time)

    public long LastSeen { get; private set; } = long.MinValue;
    public long LastSuccess { get; private set; } = long.MinValue;
    public string? LastSuccessIp { get; private set; }
    public string? LastSuccessCountry { get; private set; }
    public int FailuresSinceSuccess { get; private set; }
    public bool IsPrivileged { get; private set; }

    public IReadOnlyList<RecentSet.Entry> KnownIps => _knownIps.Entries;
    public IReadOnlyList<RecentSet.Entry> KnownCountries => _knownCountries.Entries;
    public IReadOnlyList<RecentSet.Entry> IpsTried => _ipsTried.Entries;
    public ReadOnlySpan<int> LoginHours => _loginHours ?? new int[24];

    public void Observe(LogEvent ev, Span<float> f)
    {
        var t = ev.Timestamp.ToUnixTimeSeconds();
        var ip = ev.SourceIp;
        var country = ev.SourceCountry;
        if (PrivilegedUsers.IsPrivilegedName(ev.UserName) || ev.Action is "sudo_command") IsPrivileged = true;

        // "Known" means a successful login came from there before this event: an attacker's failures never make their IP known.
        var ipKnown = ip is not null && _knownIps.Contains(ip);
        f[FeatureNames.IsKnownIp] = ip is null || ipKnown ? 1 : 0;
        f[FeatureNames.IsKnownCountry] = country is null || _knownCountries.Count == 0 || _knownCountries.Contains(country) ? 1 : 0;
        f[FeatureNames.UniqueIps] = _knownIps.Count + (ip is not null && !ipKnown ? 1 : 0);
        f[FeatureNames.IsPrivilegedUser] = IsPrivileged ? 1 : f[FeatureNames.IsPrivilegedUser];
        f[FeatureNames.GeoDistanceKm] = 0;
        f[FeatureNames.TravelSpeedKmh] = 0;
        f[FeatureNames.SuccessAfterFailures] = 0;

        var isLogin = ev.Category is EventCategory.Authentication;
        if (isLogin && ip is not null) _ipsTried.Touch(ip, t);
        if (isLogin && ev.Outcome == EventOutcome.Failure)
        {
            FailuresSinceSuccess++;
        }
        else if (isLogin && ev.Outcome == EventOutcome.Success)
        {
            var distance = GeoDistance.BetweenCountriesKm(LastSuccessCountry, country);
            f[FeatureNames.GeoDistanceKm] = (float)distance;
            if (LastSuccess != long.MinValue && distance > 0)
            {
                var hours = Math.Max(t - LastSuccess, 60) / 3600.0;
                f[FeatureNames.TravelSpeedKmh] = (float)(distance / hours);
            }
            f[FeatureNames.SuccessAfterFailures] = FailuresSinceSuccess;
            FailuresSinceSuccess = 0;
            LastSuccess = Math.Max(LastSuccess, t);
            LastSuccessIp = ip;
            LastSuccessCountry = country ?? LastSuccessCountry;
            if (ip is not null) _knownIps.Touch(ip, t);
            if (country is not null) _knownCountries.Touch(country, t);
            (_loginHours ??= new int[24])[ev.Timestamp.Hour]++;
        }
        f[FeatureNames.FailuresSinceSuccess] = FailuresSinceSuccess;
        LastSeen = Math.Max(LastSeen, t);
    }

    public UserBehaviourSnapshot ToSnapshot() => new(
        LastSeen, LastSuccess, LastSuccessIp, LastSuccessCountry, FailuresSinceSuccess, IsPrivileged,
        SeenSnapshot.From(_knownIps), SeenSnapshot.From(_knownCountries), SeenSnapshot.From(_ipsTried),
        _loginHours is null ? null : (int[])_loginHours.Clone());

    public static UserBehaviour FromSnapshot(UserBehaviourSnapshot s)
    {
        var b = new UserBehaviour
        {
            LastSeen = s.LastSeen, LastSuccess = s.LastSuccess, LastSuccessIp = s.LastSuccessIp,
            LastSuccessCountry = s.LastSuccessCountry, FailuresSinceSuccess = s.FailuresSinceSuccess, IsPrivileged = s.IsPrivileged,
        };
        s.KnownIps?.RestoreInto(ref b._knownIps);
        s.KnownCountries?.RestoreInto(ref b._knownCountries);
        s.IpsTried?.RestoreInto(ref b._ipsTried);
        if (s.LoginHours is { Length: 24 } hours) b._loginHours = (int[])hours.Clone();
        return b;
    }
}
