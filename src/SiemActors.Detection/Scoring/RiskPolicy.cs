using SiemActors.Detection.Rules;
using SiemActors.Domain.Risk;

namespace SiemActors.Detection.Scoring;

/// <summary>
/// Turns calibrated model scores and rule hits into risk, level and action. Pure functions.
/// <list type="bullet">
/// <item>Model evidence: each calibrated score p (0.99 = rarer than 99% of normal) becomes tail evidence
/// t = min(1, -log10(1-p)/3): p 0.9 → 0.33, 0.99 → 0.67, ≥ 0.999 → 1. An ordinary event (p uniform) averages
/// t ≈ 0.14, so the weighted blend of t stays low for normal traffic and rises only when the models agree on rarity.</item>
/// <item>Rules: each hit counts as its severity's band (Critical → CriticalBand, High → HighBand, Medium → MediumBand);
/// several hits combine by noisy-or.</item>
/// <item>Risk = 1 - (1 - models)(1 - rules): a fired rule lifts risk at least to its band, and models add to it.</item>
/// </list>
/// </summary>
public static class RiskPolicy
{
    /// <summary>Calibration resolution the tail evidence saturates at (p = 1 - 10^-3).</summary>
    public const double TailDecades = 3.0;

    public static double TailEvidence(double p)
    {
        if (!(p < 1.0)) return 1.0;
        if (p <= 0) return 0.0;
        return Math.Min(1.0, -Math.Log10(1.0 - p) / TailDecades);
    }

    public static double SeverityScore(RiskLevel severity, DetectionOptions o) => severity switch
    {
        RiskLevel.Critical => o.CriticalBand,
        RiskLevel.High => o.HighBand,
        RiskLevel.Medium => o.MediumBand,
        _ => o.MediumBand / 2,
    };

    /// <summary>Noisy-or of the hits' severity scores; 0 when none fired.</summary>
    public static double RuleScore(IReadOnlyList<RuleHit> hits, DetectionOptions o)
    {
        var miss = 1.0;
        var strongest = 0.0;
        for (var i = 0; i < hits.Count; i++)
        {
            var s = Math.Clamp(SeverityScore(hits[i].Severity, o), 0, 1);
            miss *= 1.0 - s;
            strongest = Math.Max(strongest, s);
        }
        return Math.Max(strongest, 1.0 - miss);   // never below the strongest band, whatever the rounding
    }

    public static double Combine(double modelRisk, double ruleScore)
    {
        var m = Math.Clamp(modelRisk, 0, 1);
        var r = Math.Clamp(ruleScore, 0, 1);
        return Math.Max(Math.Max(m, r), 1.0 - (1.0 - m) * (1.0 - r));
    }

    public static RiskLevel LevelOf(double risk, DetectionOptions o) =>
        risk >= o.CriticalBand ? RiskLevel.Critical
        : risk >= o.HighBand ? RiskLevel.High
        : risk >= o.MediumBand ? RiskLevel.Medium
        : RiskLevel.Low;

    /// <summary>
    /// Low → ALLOW, Medium → MONITOR. High and Critical follow what fired: an account-takeover rule
    /// (success after failures, impossible travel, privileged login from a new source) → LOCK_ACCOUNT when critical,
    /// REQUIRE_MFA when high; an attack from an address (brute force, spraying, scanning, injection, flood) → BLOCK_IP;
    /// models alone → INVESTIGATE.
    /// </summary>
    public static RecommendedAction ActionFor(RiskLevel level, IReadOnlyList<RuleHit> hits, RuleSet rules)
    {
        if (level == RiskLevel.Low) return RecommendedAction.Allow;
        if (level == RiskLevel.Medium) return RecommendedAction.Monitor;
        var account = false;
        var ip = false;
        for (var i = 0; i < hits.Count; i++)
        {
            switch (rules.TargetOf(hits[i].Rule))
            {
                case RuleTarget.Account: account = true; break;
                case RuleTarget.Ip: ip = true; break;
            }
        }
        if (account) return level == RiskLevel.Critical ? RecommendedAction.LockAccount : RecommendedAction.RequireMfa;
        if (ip) return RecommendedAction.BlockIp;
        return RecommendedAction.Investigate;
    }
}
