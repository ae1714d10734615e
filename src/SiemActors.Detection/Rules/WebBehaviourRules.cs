using System.Buffers;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;
using static System.FormattableString;

namespace SiemActors.Detection.Rules;

/// <summary>Directory brute forcing: many distinct paths from one address, most of them not there.</summary>
public sealed class WebScanRule : IDetectionRule
{
    public string Name => "web_scan";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        if (c.Event.Category != EventCategory.Web) return null;
        var paths = c[FeatureNames.DistinctPaths10m];
        var errors = c[FeatureNames.Error4xxRate];
        var o = c.Options;
        if (paths < o.WebScanDistinctPaths || errors < o.WebScanErrorRate) return null;
        return new RuleHit(Name, RiskLevel.High, Invariant($"{paths:0} distinct paths from this IP in 10 minutes, {errors:P0} of its requests refused (web scan)"));
    }
}

/// <summary>One response far larger than a page or an asset: a database export, a backup archive.</summary>
public sealed class LargeResponseRule : IDetectionRule
{
    public string Name => "large_response";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        if (c.Event.HttpBytes is not { } bytes || bytes < c.Options.LargeResponseBytes || c.Event.HttpStatus is not (>= 200 and < 300)) return null;
        return new RuleHit(Name, RiskLevel.High,
            Invariant($"{bytes / (1024.0 * 1024.0):0} MB sent to this IP in one response (large data pull): {ScannerUserAgentRule.Truncate(c.Event.UrlOriginal)}"));
    }
}

/// <summary>
/// A login or sign-up form posted within a couple of seconds of the client's previous request: faster than a person
/// types a password, the mark of credential-stuffing and registration bots. A password manager that fills and submits
/// at once looks the same; that is the price of this rule (docs/DETECTION.md).
/// </summary>
public sealed class AutomatedFormPostRule : IDetectionRule
{
    private static readonly string[] Forms =
        ["login", "logon", "signin", "sign-in", "sign_in", "signup", "sign-up", "sign_up", "register", "join_form", "password", "passwd", "xmlrpc.php", "/auth"];
    private static readonly SearchValues<string> FormSearch = SearchValues.Create(Forms, StringComparison.Ordinal);

    public string Name => "automated_form_post";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        if (c.Event.Category != EventCategory.Web || !string.Equals(c.Event.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)) return null;
        var since = c[FeatureNames.TimeSinceLastS];
        if (since > c.Options.FormPostMaxSeconds) return null;
        // The path only: a query string naming "login" (a return URL) is not the form.
        var url = c.Url;
        var q = url.IndexOf('?');
        if (UrlMatch.First(q < 0 ? url : url[..q], FormSearch, Forms, StringComparison.Ordinal) is not { } form) return null;
        return new RuleHit(Name, RiskLevel.High,
            Invariant($"{form} form posted {since:0} s after this IP's previous request (automated form submission): {ScannerUserAgentRule.Truncate(c.Event.UrlOriginal)}"));
    }
}
