using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;
using static System.FormattableString;

namespace SiemActors.Detection.Rules;

/// <summary>Many failed logins from one address in a short window.</summary>
public sealed class BruteForceRule : IDetectionRule
{
    public string Name => "brute_force";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        var f1 = c[FeatureNames.FailedLogins1m];
        var f10 = c[FeatureNames.FailedLogins10m];
        var o = c.Options;
        if (f1 >= o.BruteForceFailures1m)
        {
            var severity = f1 >= o.BruteForceCriticalFailures1m ? RiskLevel.Critical : RiskLevel.High;
            return new RuleHit(Name, severity, Invariant($"{f1:0} failed logins from this IP in the last minute (brute force)"));
        }
        if (f10 >= o.BruteForceFailures10m)
            return new RuleHit(Name, RiskLevel.High, Invariant($"{f10:0} failed logins from this IP in the last 10 minutes (brute force)"));
        return null;
    }
}

/// <summary>One address failing against many accounts: few tries each, many users.</summary>
public sealed class PasswordSprayingRule : IDetectionRule
{
    public string Name => "password_spraying";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        var users = c[FeatureNames.UniqueUsers];
        var rate = c[FeatureNames.FailedAuthRate];
        var failures = c[FeatureNames.FailedLogins10m];
        var o = c.Options;
        if (users >= o.SprayingUniqueUsers && rate >= o.SprayingFailedAuthRate && failures >= o.SprayingUniqueUsers)
            return new RuleHit(Name, RiskLevel.High,
                Invariant($"failed logins against {users:0} different accounts from this IP ({rate:P0} failing; password spraying)"));
        return null;
    }
}

/// <summary>Probing for account names: logins for users that do not exist.</summary>
public sealed class UserEnumerationRule : IDetectionRule
{
    public string Name => "user_enumeration";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        var invalid = c[FeatureNames.InvalidUsers10m];
        if (invalid >= c.Options.EnumerationInvalidUsers10m)
            return new RuleHit(Name, RiskLevel.High, Invariant($"{invalid:0} logins for non-existent users from this IP in the last 10 minutes (user enumeration)"));
        return null;
    }
}

/// <summary>A successful login right after a run of failures: the guess may have worked.</summary>
public sealed class SuccessAfterFailuresRule : IDetectionRule
{
    public string Name => "success_after_failures";
    public RuleTarget Target => RuleTarget.Account;

    public RuleHit? Evaluate(in RuleContext c)
    {
        var failures = c[FeatureNames.SuccessAfterFailures];
        var o = c.Options;
        if (failures < o.SuccessAfterFailures || c.Event.Outcome == EventOutcome.Failure) return null;
        var severity = failures >= o.SuccessAfterFailuresCritical ? RiskLevel.Critical : RiskLevel.High;
        return new RuleHit(Name, severity, Invariant($"successful login after {failures:0} failed attempts (possible compromised account)"));
    }
}

/// <summary>A privileged account logging in from an address or country it has never used.</summary>
public sealed class PrivilegedNewSourceRule : IDetectionRule
{
    public string Name => "privileged_login_new_source";
    public RuleTarget Target => RuleTarget.Account;

    public RuleHit? Evaluate(in RuleContext c)
    {
        if (c[FeatureNames.IsPrivilegedUser] < 0.5f || c.Event.Outcome != EventOutcome.Success) return null;
        if (c.Event.Category != EventCategory.Authentication && c.Event.Category != EventCategory.Session) return null;
        var newCountry = c[FeatureNames.IsKnownCountry] < 0.5f;
        var newIp = c[FeatureNames.IsKnownIp] < 0.5f;
        if (!newCountry && !newIp) return null;
        var user = c.Event.UserName ?? "privileged user";
        return newCountry
            ? new RuleHit(Name, RiskLevel.Critical, $"privileged login as {user} from a country never seen for this account ({c.Event.SourceCountry ?? "unknown"})")
            : new RuleHit(Name, RiskLevel.High, $"privileged login as {user} from an IP never seen for this account ({c.Event.SourceIp ?? "unknown"})");
    }
}

/// <summary>Two logins further apart than any flight could take the user.</summary>
public sealed class ImpossibleTravelRule : IDetectionRule
{
    public string Name => "impossible_travel";
    public RuleTarget Target => RuleTarget.Account;

    public RuleHit? Evaluate(in RuleContext c)
    {
        var speed = c[FeatureNames.TravelSpeedKmh];
        if (speed <= c.Options.ImpossibleTravelKmh) return null;
        var km = c[FeatureNames.GeoDistanceKm];
        return new RuleHit(Name, RiskLevel.High, Invariant($"impossible travel: {km:0} km from the previous login at {speed:0} km/h"));
    }
}
