namespace SiemActors.Domain.Features;

/// <summary>
/// The feature vector layout. Index constants are the contract between entity state (which fills them),
/// models (trained on this order) and model files (which record the names and are refused on mismatch).
/// Definitions, windows and units: docs/FEATURES.md.
/// </summary>
public static class FeatureNames
{
    // Temporal (from the event's own timestamp).
    public const int Hour = 0;
    public const int DayOfWeek = 1;
    public const int IsWeekend = 2;
    public const int IsBusinessHours = 3;
    // Frequency (IP entity unless noted).
    public const int LoginAttempts = 4;
    public const int RequestsPerSec = 5;
    public const int UniqueIps = 6;          // user entity
    public const int UniqueUsers = 7;
    // Rates (IP entity, 10 min window).
    public const int FailedAuthRate = 8;
    public const int Error4xxRate = 9;
    public const int Error5xxRate = 10;
    // Geographic (user entity).
    public const int GeoDistanceKm = 11;
    public const int IsKnownCountry = 12;
    public const int IsKnownIp = 13;
    // Behavioural.
    public const int Bytes = 14;
    public const int TimeSinceLastS = 15;
    public const int SessionDurationS = 16;
    public const int RequestEntropy = 17;
    // Context (from the event).
    public const int IsPrivilegedUser = 18;
    public const int IsSensitiveEndpoint = 19;
    public const int IsSuspiciousUserAgent = 20;
    // Beyond the original 21: what a defender asks for.
    public const int FailedLogins1m = 21;
    public const int FailedLogins10m = 22;
    public const int FailuresSinceSuccess = 23;  // user entity
    public const int SuccessAfterFailures = 24;  // user entity
    public const int TravelSpeedKmh = 25;        // user entity
    public const int DistinctPaths10m = 26;
    public const int Requests1m = 27;
    public const int InvalidUsers10m = 28;

    public const int Count = 29;

    public static readonly IReadOnlyList<string> All =
    [
        "hour", "day_of_week", "is_weekend", "is_business_hours",
        "login_attempts", "requests_per_sec", "unique_ips", "unique_users",
        "failed_auth_rate", "error_4xx_rate", "error_5xx_rate",
        "geo_distance_km", "is_known_country", "is_known_ip",
        "bytes", "time_since_last_s", "session_duration_s", "request_entropy",
        "is_privileged_user", "is_sensitive_endpoint", "is_suspicious_user_agent",
        "failed_logins_1m", "failed_logins_10m", "failures_since_success", "success_after_failures",
        "travel_speed_kmh", "distinct_paths_10m", "requests_1m", "invalid_users_10m",
    ];

    public static float[] NewVector() => new float[Count];
}
