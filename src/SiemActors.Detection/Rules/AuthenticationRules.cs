using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Geo;
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

/// <summary>
/// A successful login right after a run of failures, from an address that itself failed repeatedly in the last 10
/// minutes: the guess may have worked. When the failures came from elsewhere (an attack on the account from other addresses) and the owner
/// then logs in from their usual place, that login is not the attacker's and the rule stays silent; the attack itself
/// is what brute_force and password_spraying alert on.
/// </summary>
public sealed class SuccessAfterFailuresRule : IDetectionRule
{
    public string Name => "success_after_failures";
    public RuleTarget Target => RuleTarget.Account;

    public RuleHit? Evaluate(in RuleContext c)
    {
        var failures = c[FeatureNames.SuccessAfterFailures];
        var o = c.Options;
        if (failures < o.SuccessAfterFailures || c.Event.Outcome == EventOutcome.Failure) return null;
        // This IP failed repeatedly (an owner's single typo before the right password is one failure, half the attempts).
        if (c[FeatureNames.FailedLogins10m] < 3 && c[FeatureNames.FailedAuthRate] <= 0.5f) return null;
        var severity = failures >= o.SuccessAfterFailuresCritical ? RiskLevel.Critical : RiskLevel.High;
        return new RuleHit(Name, severity, Invariant($"successful login after {failures:0} failed attempts (possible compromised account)"));
    }
}

/// <summary>
/// A privileged account logging in from an address or country it has never used. A new country is Critical. A new
/// public address outside office hours is High: with no GeoIP database that is the form an intruder's login takes.
/// A new public address in the daytime or a new internal one at night is Medium (a line in the verdict, not an alert
/// on its own); a new office desk in the daytime, or any other first login of an account, is nothing.
/// </summary>
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
        if (newCountry)
            return new RuleHit(Name, RiskLevel.Critical, $"privileged login as {user} from a country never seen for this account ({c.Event.SourceCountry ?? "unknown"})");
        var isPublic = c.Event.SourceIp is { } ip && InternalRanges.Classify(ip) is null;
        var offHours = c[FeatureNames.IsBusinessHours] < 0.5f;
        if (!isPublic && !offHours) return null;   // a new desk in the office during the day
        // unique_ips counts the known addresses plus this new one: 1 means the account had no history to compare with,
        // so only the intruder's form (public, at night) counts then.
        var hasHistory = c[FeatureNames.UniqueIps] >= 2;
        if (!hasHistory && !(isPublic && offHours)) return null;
        var severity = isPublic && offHours ? RiskLevel.High : RiskLevel.Medium;
        var when = offHours ? " outside office hours" : "";
        return new RuleHit(Name, severity, $"privileged login as {user}{when} from an IP never seen for this account ({c.Event.SourceIp ?? "unknown"})");
    }
}

/// <summary>A successful login from an address that has just failed against several accounts: the guess that worked.</summary>
public sealed class LoginAfterIpFailuresRule : IDetectionRule
{
    public string Name => "login_after_ip_failures";
    public RuleTarget Target => RuleTarget.Account;

    public RuleHit? Evaluate(in RuleContext c)
    {
        if (c.Event.Category != EventCategory.Authentication || c.Event.Outcome != EventOutcome.Success) return null;
        var failures = c[FeatureNames.FailedLogins10m];
        var users = c[FeatureNames.UniqueUsers];
        var o = c.Options;
        if (failures < o.LoginAfterIpFailures10m || users < o.LoginAfterIpFailuresUsers) return null;
        return new RuleHit(Name, RiskLevel.Critical, Invariant(
            $"successful login as {c.Event.UserName ?? "?"} from an IP that failed {failures:0} logins against {users:0} accounts in the last 10 minutes (credential stuffing)"));
    }
}

/// <summary>
/// Two logins further apart than any flight could take the user. Needs countries (GeoIP). After an intruder's login
/// the owner's next one "travels" back and fires too; that alert lands on the owner's address (docs/DETECTION.md).
/// </summary>
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
