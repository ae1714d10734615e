using SiemActors.Detection.Rules;
using SiemActors.Detection.Scoring;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Detection.Tests;

public class RuleTests
{
    private static readonly DetectionOptions Options = new();

    public static TheoryData<string, string> AttackVectors => new()
    {
        { "brute_force", "failed logins from this IP in the last minute" },
        { "password_spraying", "different accounts" },
        { "user_enumeration", "non-existent users" },
        { "success_after_failures", "successful login after 8 failed attempts" },
        { "privileged_login_new_source", "privileged login as root" },
        { "impossible_travel", "impossible travel" },
        { "scanner_user_agent", "sqlmap" },
        { "path_traversal", "path traversal" },
        { "sql_injection", "SQL injection" },
        { "xss", "cross-site scripting" },
        { "sensitive_file_probe", "/.env" },
        { "request_flood", "requests per second" },
        { "login_after_ip_failures", "credential stuffing" },
        { "web_scan", "web scan" },
        { "large_response", "large data pull" },
        { "automated_form_post", "automated form submission" },
    };

    [Theory]
    [MemberData(nameof(AttackVectors))]
    public void Rule_fires_on_its_attack(string rule, string reasonFragment)
    {
        var (ev, features) = Attack(rule);
        var hits = RuleSet.Default.Evaluate(ev, features, Options);
        var hit = Assert.Single(hits, h => h.Rule == rule);
        Assert.Contains(reasonFragment, hit.Reason);
        Assert.True(hit.Severity >= RiskLevel.Medium);
    }

    [Fact]
    public void Every_rule_has_an_attack_vector_in_this_test()
    {
        var covered = AttackVectors.Select(row => (string)row[0]).ToHashSet();
        Assert.All(RuleSet.Default.Rules, r => Assert.Contains(r.Name, covered));
    }

    [Fact]
    public void No_rule_fires_on_normal_traffic()
    {
        var rng = new Random(17);
        string[] urls = ["/", "/index.html", "/static/js/app.3f2a.js", "/products/123?color=red&size=m", "/search?q=blue+shoes",
                         "/blog/2024/05/hello-world", "/api/v1/items?page=2", "/favicon.ico", "/images/a%20b.png", "/docs/getting-started#install"];
        foreach (var row in TestVectors.Normal(2000, seed: 5))
        {
            var ev = row[FeatureNames.UniqueUsers] > 0
                ? TestVectors.SshEvent(rng.NextDouble() < 0.9 ? EventOutcome.Success : EventOutcome.Failure, user: row[FeatureNames.IsPrivilegedUser] > 0 ? "root" : "alice")
                : TestVectors.WebEvent(urls[rng.Next(urls.Length)]);
            var hits = RuleSet.Default.Evaluate(ev, row, Options);
            Assert.True(hits.Count == 0, $"{string.Join(", ", hits.Select(h => h.Reason))} on {ev.UrlOriginal}");
        }
    }

    [Theory]
    [InlineData("/download?file=%2e%2e%2f%2e%2e%2fetc%2fpasswd", "path_traversal")]
    [InlineData("/download?file=%252e%252e%252fboot.ini", "path_traversal")]       // double-encoded: decoded once leaves %2e%2e
    [InlineData("/items?id=1%20UNION%20SELECT%20password%20FROM%20users", "sql_injection")]
    [InlineData("/items?id=1'+OR+1=1--", "sql_injection")]
    [InlineData("/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "xss")]
    [InlineData("/.git/config", "sensitive_file_probe")]
    [InlineData("/phpMyAdmin/index.php", "sensitive_file_probe")]
    public void Url_rules_see_through_percent_encoding_and_case(string url, string rule)
    {
        var hits = RuleSet.Default.Evaluate(TestVectors.WebEvent(url), FeatureNames.NewVector(), Options);
        Assert.Contains(hits, h => h.Rule == rule);
    }

    [Fact]
    public void Brute_force_escalates_to_critical_with_volume_and_respects_options()
    {
        var ev = TestVectors.SshEvent();
        var heavy = RuleSet.Default.Evaluate(ev, TestVectors.Vector((FeatureNames.FailedLogins1m, 80)), Options);
        Assert.Equal(RiskLevel.Critical, Assert.Single(heavy).Severity);
        var strict = new DetectionOptions { BruteForceFailures1m = 100, BruteForceFailures10m = 1000, BruteForceCriticalFailures1m = 500 };
        Assert.Empty(RuleSet.Default.Evaluate(ev, TestVectors.Vector((FeatureNames.FailedLogins1m, 80)), strict));
    }

    private static (LogEvent, float[]) Attack(string rule) => rule switch
    {
        "brute_force" => (TestVectors.SshEvent(), TestVectors.Vector((FeatureNames.FailedLogins1m, 12), (FeatureNames.FailedAuthRate, 1))),
        "password_spraying" => (TestVectors.SshEvent(), TestVectors.Vector((FeatureNames.UniqueUsers, 15), (FeatureNames.FailedAuthRate, 0.95f), (FeatureNames.FailedLogins10m, 15))),
        "user_enumeration" => (TestVectors.SshEvent(), TestVectors.Vector((FeatureNames.InvalidUsers10m, 9))),
        "success_after_failures" => (TestVectors.SshEvent(EventOutcome.Success), TestVectors.Vector((FeatureNames.SuccessAfterFailures, 8), (FeatureNames.FailedLogins10m, 3))),
        "privileged_login_new_source" => (TestVectors.SshEvent(EventOutcome.Success, user: "root"),
            TestVectors.Vector((FeatureNames.IsPrivilegedUser, 1), (FeatureNames.IsKnownCountry, 1), (FeatureNames.IsKnownIp, 0), (FeatureNames.UniqueIps, 2))),
        "impossible_travel" => (TestVectors.SshEvent(EventOutcome.Success), TestVectors.Vector((FeatureNames.TravelSpeedKmh, 4500), (FeatureNames.GeoDistanceKm, 9000), (FeatureNames.IsKnownIp, 1), (FeatureNames.IsKnownCountry, 1))),
        "scanner_user_agent" => (TestVectors.WebEvent("/", "sqlmap/1.7.2#stable (https://sqlmap.org)"), TestVectors.Vector()),
        "path_traversal" => (TestVectors.WebEvent("/static/../../../etc/passwd"), TestVectors.Vector()),
        "sql_injection" => (TestVectors.WebEvent("/product?id=1' or 1=1--"), TestVectors.Vector()),
        "xss" => (TestVectors.WebEvent("/search?q=<script>alert(document.cookie)</script>"), TestVectors.Vector()),
        "sensitive_file_probe" => (TestVectors.WebEvent("/.env"), TestVectors.Vector()),
        "request_flood" => (TestVectors.WebEvent("/"), TestVectors.Vector((FeatureNames.RequestsPerSec, 150), (FeatureNames.Requests1m, 9000))),
        "login_after_ip_failures" => (TestVectors.SshEvent(EventOutcome.Success),
            TestVectors.Vector((FeatureNames.FailedLogins10m, 30), (FeatureNames.UniqueUsers, 25), (FeatureNames.IsKnownIp, 1))),
        "web_scan" => (TestVectors.WebEvent("/backup.old"), TestVectors.Vector((FeatureNames.DistinctPaths10m, 40), (FeatureNames.Error4xxRate, 0.9f))),
        "large_response" => (TestVectors.WebEvent("/api/v1/export/customers.csv") with { HttpBytes = 800L * 1024 * 1024 }, TestVectors.Vector()),
        "automated_form_post" => (TestVectors.WebEvent("/account/login") with { HttpMethod = "POST" }, TestVectors.Vector((FeatureNames.TimeSinceLastS, 1))),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
