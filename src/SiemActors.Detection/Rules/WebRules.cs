using System.Buffers;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;
using static System.FormattableString;

namespace SiemActors.Detection.Rules;

/// <summary>
/// Attack tooling announcing itself in the User-Agent. Only named tools: a missing user agent or a scripting library
/// (curl, wget, python-requests) is also how monitors, feed readers and download scripts look; that stays a feature
/// (<c>is_suspicious_user_agent</c>) for the models, because a Medium hit on top of a rare-looking event alerts, and on
/// the real Apache log of docs/DETECTION.md it raised 80 false incidents.
/// </summary>
public sealed class ScannerUserAgentRule : IDetectionRule
{
    private static readonly string[] Tools =
        ["sqlmap", "nikto", "nmap", "masscan", "zgrab", "nuclei", "gobuster", "dirbuster", "wpscan", "hydra", "acunetix", "nessus", "openvas", "w3af", "fimap", "zmeu", "dirb/"];
    private static readonly SearchValues<string> ToolSearch = SearchValues.Create(Tools, StringComparison.OrdinalIgnoreCase);

    public string Name => "scanner_user_agent";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        var ua = c.Event.UserAgent;
        var tool = string.IsNullOrEmpty(ua) ? null : ToolIn(ua);
        return tool is null ? null : new RuleHit(Name, RiskLevel.Medium, $"{tool} user agent (automated attack tool)");
    }

    /// <summary>The attack tool named in a user agent, or null; the answer for the last agents seen is kept per thread.</summary>
    internal static string? ToolIn(string ua)
    {
        // Access-log parsers hand out one string per repeated agent (SmallStrings.Text), so a stream of a few dozen
        // browsers arrives as a few dozen string instances: a reference match answers those without the
        // case-insensitive multi-pattern scan (~3.5% of a whole score). A fresh string (JSON input, a new agent) misses
        // and is scanned; the cache keys on identity, never on content, so a hit can only be the same string.
        ref var slot = ref (t_seen ??= new SeenAgent[SeenSlots])[(ua.Length * 31 + ua[ua.Length >> 1]) & (SeenSlots - 1)];
        if (ReferenceEquals(slot.Agent, ua)) return slot.Tool;
        var tool = UrlMatch.First(ua, ToolSearch, Tools, StringComparison.OrdinalIgnoreCase)?.TrimEnd('/');
        slot = new SeenAgent(ua, tool);
        return tool;
    }

    private const int SeenSlots = 64;

    // Per thread: scorers on several threads share the rule set, and a struct slot read while another thread wrote it
    // could pair one agent with another's answer.
    [ThreadStatic]
    private static SeenAgent[]? t_seen;

    private readonly record struct SeenAgent(string? Agent, string? Tool);

    internal static string Truncate(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";
}

/// <summary>Directory traversal in the URL (after one percent-decoding; a remaining %2e%2e was double-encoded).</summary>
public sealed class PathTraversalRule : IDetectionRule
{
    private static readonly string[] Patterns = ["../", "..\\", "%2e%2e", "..%2f", "..%5c", "%c0%ae", "/etc/passwd", "/etc/shadow", "win.ini", "/proc/self/"];
    private static readonly SearchValues<string> Search = SearchValues.Create(Patterns, StringComparison.Ordinal);

    public string Name => "path_traversal";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c) => UrlMatch.First(c.Url, Search, Patterns, StringComparison.Ordinal) is { } p
        ? new RuleHit(Name, RiskLevel.High, $"path traversal attempt in URL ({p}): {ScannerUserAgentRule.Truncate(c.Event.UrlOriginal)}")
        : null;
}

/// <summary>SQL injection fragments in the URL.</summary>
public sealed class SqlInjectionRule : IDetectionRule
{
    private static readonly string[] Patterns =
        ["union select", "union all select", "union/**/select", "' or 1=1", "' or '1'='1", "\" or 1=1", " or 1=1--", "' or 'a'='a", "';--", "' --", "information_schema", "sleep(", "benchmark(", "waitfor delay", "xp_cmdshell", "load_file(", "@@version"];
    private static readonly SearchValues<string> Search = SearchValues.Create(Patterns, StringComparison.Ordinal);

    public string Name => "sql_injection";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c) => UrlMatch.First(c.Url, Search, Patterns, StringComparison.Ordinal) is { } p
        ? new RuleHit(Name, RiskLevel.High, $"SQL injection attempt in URL ({p.Trim()}): {ScannerUserAgentRule.Truncate(c.Event.UrlOriginal)}")
        : null;
}

/// <summary>Cross-site scripting payloads in the URL.</summary>
public sealed class XssRule : IDetectionRule
{
    private static readonly string[] Patterns = ["<script", "javascript:", "onerror=", "onload=", "<svg", "<iframe", "document.cookie", "alert("];
    private static readonly SearchValues<string> Search = SearchValues.Create(Patterns, StringComparison.Ordinal);

    public string Name => "xss";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c) => UrlMatch.First(c.Url, Search, Patterns, StringComparison.Ordinal) is { } p
        ? new RuleHit(Name, RiskLevel.High, $"cross-site scripting attempt in URL ({p}): {ScannerUserAgentRule.Truncate(c.Event.UrlOriginal)}")
        : null;
}

/// <summary>Requests for files and admin pages that scanners look for.</summary>
public sealed class SensitiveFileProbeRule : IDetectionRule
{
    private static readonly string[] Patterns =
        ["/.env", "/.git/", "/.svn/", "/.htaccess", "/.htpasswd", "/.aws/", "/.ssh/", "wp-admin", "wp-login.php", "phpmyadmin", "/server-status", "/config.php", "/web.config", ".bak", ".sql", "/id_rsa", "/actuator/", "/cgi-bin/",
         "/administrator/", "/manager/html", "/.ds_store", "/vendor/phpunit/", "/xmlrpc.php", "/solr/admin", "/console/", "/config.json", "wp-config.php"];
    private static readonly SearchValues<string> Search = SearchValues.Create(Patterns, StringComparison.Ordinal);

    public string Name => "sensitive_file_probe";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        if (UrlMatch.First(c.Url, Search, Patterns, StringComparison.Ordinal) is not { } p) return null;
        // Several distinct paths, mostly refused, are a search for what is there: High.
        var o = c.Options;
        var paths = c[FeatureNames.DistinctPaths10m];
        if (paths >= o.ProbeDistinctPaths && c[FeatureNames.Error4xxRate] >= o.ProbeErrorRate)
            return new RuleHit(Name, RiskLevel.High, Invariant($"probing for sensitive files or admin pages ({p}, {paths:0} paths in 10 min, mostly refused): {ScannerUserAgentRule.Truncate(c.Event.UrlOriginal)}"));
        // One refused probe is the background noise of every public server (a wp-login.php 404 on a site without
        // WordPress): a Medium hit on it, on top of an event the models find rare, alerted on every one of them.
        if (c.Event.HttpStatus is >= 400 and < 500) return null;
        // Served: the site's own admin page, or a secret that should not be there.
        return new RuleHit(Name, RiskLevel.Medium, $"request for a sensitive file or admin page ({p}), answered {c.Event.HttpStatus}: {ScannerUserAgentRule.Truncate(c.Event.UrlOriginal)}");
    }
}

/// <summary>More requests from one address than a person or a polite crawler makes.</summary>
public sealed class RequestFloodRule : IDetectionRule
{
    public string Name => "request_flood";
    public RuleTarget Target => RuleTarget.Ip;

    public RuleHit? Evaluate(in RuleContext c)
    {
        var rps = c[FeatureNames.RequestsPerSec];
        var perMinute = c[FeatureNames.Requests1m];
        var o = c.Options;
        if (rps >= o.FloodRequestsPerSec)
            return new RuleHit(Name, RiskLevel.High, Invariant($"{rps:0.#} requests per second from this IP (request flood)"));
        if (perMinute >= o.FloodRequests1m)
            return new RuleHit(Name, RiskLevel.High, Invariant($"{perMinute:0} requests from this IP in the last minute (request flood)"));
        return null;
    }
}

internal static class UrlMatch
{
    /// <summary>The first pattern found (one vectorised pass; which pattern is worked out only on a hit).</summary>
    public static string? First(ReadOnlySpan<char> text, SearchValues<string> search, string[] patterns, StringComparison comparison)
    {
        if (text.IsEmpty) return null;
        var at = text.IndexOfAny(search);
        if (at < 0) return null;
        var rest = text[at..];
        foreach (var p in patterns)
        {
            if (rest.StartsWith(p, comparison)) return p;
        }
        return patterns[0];   // unreachable: IndexOfAny matched one of them here
    }
}
