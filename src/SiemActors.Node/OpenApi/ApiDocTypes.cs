using System.ComponentModel;
using System.Text.Json;

namespace SiemActors.Node.OpenApi;

// Shapes of the bodies the endpoints read and write by hand (Utf8JsonWriter), declared only so the OpenAPI document
// can describe them. Property names are snake-cased in the document by SnakeCaseSchemas, as on the wire.

[Description("One log line to analyze.")]
public sealed record AnalyzeRequestDoc(
    [property: Description("The raw log line, at most 64 KiB.")] string LogLine,
    [property: Description("The parser to read it with: auto (default), syslog, sshd, nginx, apache or json.")] string? Source,
    [property: Description("Free-form object echoed back in the answer.")] Dictionary<string, JsonElement>? Metadata);

[Description("A rule that fired on the event.")]
public sealed record RuleHitDoc(string Rule, [property: Description("low, medium, high or critical")] string Severity, string Reason);

[Description("The verdict on one event, in the original service's contract.")]
public sealed record AnalyzeResponseDoc(
    bool IsAnomaly,
    [property: Description("0..1")] double RiskScore,
    [property: Description("low, medium, high or critical")] string RiskLevel,
    [property: Description("ALLOW, MONITOR, REQUIRE_MFA, BLOCK_IP, LOCK_ACCOUNT or INVESTIGATE")] string RecommendedAction,
    IReadOnlyList<string> Reasons,
    [property: Description("Each model's score, 0..1.")] Dictionary<string, double> ModelScores,
    IReadOnlyList<RuleHitDoc> Rules,
    [property: Description("The feature vector the models saw, by feature name (docs/FEATURES.md).")] Dictionary<string, double> Features,
    [property: Description("The parsed event, keyed by Elastic Common Schema field names.")] Dictionary<string, JsonElement> Event,
    [property: Description("The request's metadata, when it had one.")] Dictionary<string, JsonElement>? Metadata,
    double ProcessingTimeMs);

[Description("A line of the batch that was not scored, by its position in the request.")]
public sealed record RejectedLineDoc(int Index, string Error);

[Description("One verdict of a batch (with ?verdicts=anomalies|all): the analyze fields plus the line's index.")]
public sealed record BatchVerdictDoc(
    int Index, bool IsAnomaly, double RiskScore, string RiskLevel, string RecommendedAction, IReadOnlyList<string> Reasons,
    Dictionary<string, double> ModelScores, IReadOnlyList<RuleHitDoc> Rules, Dictionary<string, double> Features,
    Dictionary<string, JsonElement> Event);

[Description("The outcome of a batch, sent once every accepted line has been scored.")]
public sealed record BatchResponseDoc(
    [property: Description("Lines parsed and scored.")] int Accepted,
    IReadOnlyList<RejectedLineDoc> Rejected,
    [property: Description("Accepted lines whose verdict is an anomaly.")] int Anomalies,
    [property: Description("Accepted lines whose risk reached the alert threshold.")] int Alerts,
    [property: Description("Only with ?verdicts=anomalies or ?verdicts=all.")] IReadOnlyList<BatchVerdictDoc>? Verdicts);
