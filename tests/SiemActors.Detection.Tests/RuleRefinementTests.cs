using SiemActors.Detection.Rules;
using SiemActors.Detection.Scoring;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Detection.Tests;

/// <summary>The benign look-alikes that `siem eval` found alerting, and the rules' answers to them (docs/DETECTION.md).</summary>
public class RuleRefinementTests
{
    private static readonly DetectionOptions Options = new();

    private static RuleHit? Hit(string rule, LogEvent ev, float[] features) =>
        RuleSet.Default.Evaluate(ev, features, Options).SingleOrDefault(h => h.Rule == rule);

    [Fact]
    public void Owner_logging_in_after_an_attack_on_the_account_from_elsewhere_is_not_a_compromise()
    {
        var ev = TestVectors.SshEvent(EventOutcome.Success, ip: "10.20.0.10");
        Assert.Null(Hit("success_after_failures", ev, TestVectors.Vector((FeatureNames.SuccessAfterFailures, 300))));
        Assert.NotNull(Hit("success_after_failures", ev, TestVectors.Vector((FeatureNames.SuccessAfterFailures, 300), (FeatureNames.FailedLogins10m, 12))));
    }

    [Theory]
    [InlineData("203.0.113.9", 0, 2, RiskLevel.High)]      // public, at night, account with history: the intruder's login
    [InlineData("203.0.113.9", 1, 2, RiskLevel.Medium)]    // public in the daytime
    [InlineData("10.20.7.7", 0, 2, RiskLevel.Medium)]      // internal at night
    [InlineData("10.20.7.7", 1, 2, RiskLevel.Low)]         // a new office desk in the daytime: nothing
    [InlineData("10.20.7.7", 0, 1, RiskLevel.Low)]         // the account's first login ever, internal: nothing to compare with
    [InlineData("203.0.113.9", 0, 1, RiskLevel.High)]      // ... but public at night is the intruder's form even then
    public void Privileged_new_address_severity_follows_address_time_and_history(string ip, int businessHours, int uniqueIps, RiskLevel expected)
    {
        var ev = TestVectors.SshEvent(EventOutcome.Success, user: "root", ip: ip);
        var hit = Hit("privileged_login_new_source", ev, TestVectors.Vector(
            (FeatureNames.IsPrivilegedUser, 1), (FeatureNames.IsKnownIp, 0), (FeatureNames.IsKnownCountry, 1),
            (FeatureNames.IsBusinessHours, businessHours), (FeatureNames.UniqueIps, uniqueIps)));
        Assert.Equal(expected, hit?.Severity ?? RiskLevel.Low);
    }

    [Fact]
    public void A_new_country_for_a_privileged_account_is_critical()
    {
        var ev = TestVectors.SshEvent(EventOutcome.Success, user: "admin") with { SourceCountry = "VN" };
        var hit = Hit("privileged_login_new_source", ev, TestVectors.Vector((FeatureNames.IsPrivilegedUser, 1), (FeatureNames.IsKnownIp, 0), (FeatureNames.IsKnownCountry, 0)));
        Assert.Equal(RiskLevel.Critical, hit?.Severity);
    }

    [Fact]
    public void One_refused_probe_is_background_noise_a_served_one_medium_and_a_refused_series_high()
    {
        var ev = TestVectors.WebEvent("/.env") with { HttpStatus = 404 };
        Assert.Null(Hit("sensitive_file_probe", ev, TestVectors.Vector((FeatureNames.DistinctPaths10m, 1), (FeatureNames.Error4xxRate, 1))));
        Assert.Equal(RiskLevel.Medium, Hit("sensitive_file_probe", ev with { HttpStatus = 200 }, TestVectors.Vector((FeatureNames.DistinctPaths10m, 1)))?.Severity);
        Assert.Equal(RiskLevel.High, Hit("sensitive_file_probe", ev, TestVectors.Vector((FeatureNames.DistinctPaths10m, 4), (FeatureNames.Error4xxRate, 0.8f)))?.Severity);
        // An editor on its own wp-admin: many pages, all served.
        Assert.Equal(RiskLevel.Medium, Hit("sensitive_file_probe", TestVectors.WebEvent("/wp-admin/post.php"), TestVectors.Vector((FeatureNames.DistinctPaths10m, 30), (FeatureNames.Error4xxRate, 0.02f)))?.Severity);
    }

    [Fact]
    public void A_browser_reading_many_pages_is_not_a_web_scan()
    {
        Assert.Null(Hit("web_scan", TestVectors.WebEvent("/products/17"), TestVectors.Vector((FeatureNames.DistinctPaths10m, 120), (FeatureNames.Error4xxRate, 0.03f))));
    }

    [Theory]
    [InlineData("POST", "/account/login", 30, false)]         // a person typing
    [InlineData("GET", "/account/login", 0, false)]           // loading the form
    [InlineData("POST", "/api/cart?next=/login", 0, false)]   // "login" only in the query
    [InlineData("POST", "/join_form", 1, true)]
    [InlineData("POST", "/wp-login.php", 0, true)]
    public void A_form_is_automated_when_posted_faster_than_a_person_types(string method, string url, float secondsSinceLast, bool fires)
    {
        var ev = TestVectors.WebEvent(url) with { HttpMethod = method };
        Assert.Equal(fires, Hit("automated_form_post", ev, TestVectors.Vector((FeatureNames.TimeSinceLastS, secondsSinceLast))) is not null);
    }

    [Fact]
    public void A_large_error_page_or_an_ordinary_asset_is_not_a_data_pull()
    {
        Assert.Null(Hit("large_response", TestVectors.WebEvent("/static/js/app.js") with { HttpBytes = 231_877 }, TestVectors.Vector()));
        Assert.Null(Hit("large_response", TestVectors.WebEvent("/export") with { HttpBytes = 900L * 1024 * 1024, HttpStatus = 500 }, TestVectors.Vector()));
    }

    [Fact]
    public void A_login_after_the_address_failed_against_one_account_only_is_left_to_success_after_failures()
    {
        var ev = TestVectors.SshEvent(EventOutcome.Success);
        Assert.Null(Hit("login_after_ip_failures", ev, TestVectors.Vector((FeatureNames.FailedLogins10m, 8), (FeatureNames.UniqueUsers, 1))));
    }
}
