namespace SiemActors.Detection.Scoring;

/// <summary>
/// How verdicts are made from model scores and rules. Bound from configuration section <c>Siem:Detection</c>.
/// Rule thresholds and their meaning are listed in docs/MODELS.md.
/// </summary>
public sealed class DetectionOptions
{
    public const string SectionName = "Siem:Detection";

    /// <summary>Risk at or above this marks the verdict <c>is_anomaly</c>.</summary>
    public double AnomalyThreshold { get; set; } = 0.5;
    /// <summary>Risk at or above this goes to alerting.</summary>
    public double AlertThreshold { get; set; } = 0.7;

    public double MediumBand { get; set; } = 0.4;
    public double HighBand { get; set; } = 0.7;
    public double CriticalBand { get; set; } = 0.9;

    /// <summary>Weight of each model's calibrated score in the blend; a model missing here has weight 0.</summary>
    public Dictionary<string, double> ModelWeights { get; set; } = new(StringComparer.Ordinal)
    {
        [ModelNames.IsolationForest] = 0.4,
        [ModelNames.Pca] = 0.3,
        [ModelNames.Density] = 0.3,
    };

    /// <summary>
    /// The most risk the models alone can give, without a rule. Below <see cref="AlertThreshold"/> by default: a model
    /// trained on generic normal traffic finds every rare-but-benign event (a typo, a first login) "rarer than all of
    /// training", and an alert channel that cries wolf gets muted. Models still mark anomalies, rank and explain; raise
    /// this to let them alert alone once the model is trained on the site's own traffic.
    /// </summary>
    public double ModelRiskCeiling { get; set; } = 0.65;

    /// <summary>How many deviating features are named in the reasons of an anomaly.</summary>
    public int MaxFeatureReasons { get; set; } = 3;
    /// <summary>A feature is named when it is at least this many standard deviations from the training mean.</summary>
    public double FeatureReasonMinZ { get; set; } = 3.0;

    // Rules (see docs/MODELS.md for the table; docs/DETECTION.md for how the defaults were measured).
    public int BruteForceFailures1m { get; set; } = 10;
    /// <summary>10, not 20: a slow guesser (1-4 tries a minute) is then caught by its 10th failure, like a fast one.</summary>
    public int BruteForceFailures10m { get; set; } = 10;
    public int BruteForceCriticalFailures1m { get; set; } = 50;
    public int SprayingUniqueUsers { get; set; } = 5;
    public double SprayingFailedAuthRate { get; set; } = 0.5;
    public int EnumerationInvalidUsers10m { get; set; } = 5;
    public int SuccessAfterFailures { get; set; } = 5;
    public int SuccessAfterFailuresCritical { get; set; } = 20;
    public double ImpossibleTravelKmh { get; set; } = 1000;
    public double FloodRequestsPerSec { get; set; } = 20;
    public int FloodRequests1m { get; set; } = 600;
    /// <summary>A web scan: at least this many distinct paths from one IP in 10 minutes ...</summary>
    public int WebScanDistinctPaths { get; set; } = 20;
    /// <summary>... with at least this share of its requests answered 4xx.</summary>
    public double WebScanErrorRate { get; set; } = 0.5;
    /// <summary>A sensitive-file probe is High (an alert) once the IP has asked for this many distinct paths, mostly failing ...</summary>
    public int ProbeDistinctPaths { get; set; } = 3;
    /// <summary>... with at least this share of 4xx answers; a single probe, or one that succeeds, stays Medium.</summary>
    public double ProbeErrorRate { get; set; } = 0.5;
    /// <summary>
    /// One response at least this large (bytes) is a data pull worth a look: 100 MiB. Set it above the largest file the
    /// site serves on purpose (the real Apache log of docs/DETECTION.md serves 54-69 MB downloads).
    /// </summary>
    public long LargeResponseBytes { get; set; } = 100L * 1024 * 1024;
    /// <summary>A login or sign-up form posted within this many seconds of the client's previous request was not typed by a person.</summary>
    public double FormPostMaxSeconds { get; set; } = 2;
    /// <summary>A successful login from an IP with at least this many failed logins in the last 10 minutes ...</summary>
    public int LoginAfterIpFailures10m { get; set; } = 5;
    /// <summary>... against at least this many accounts is the one guess that worked (credential stuffing, spraying).</summary>
    public int LoginAfterIpFailuresUsers { get; set; } = 3;
}
