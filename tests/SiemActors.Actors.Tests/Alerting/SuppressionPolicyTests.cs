using SiemActors.Actors.Alerting;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting;

public sealed class SuppressionPolicyTests
{
    private static readonly SuppressionPolicy Policy = SuppressionPolicy.From(new SuppressionOptions
    {
        Ips = ["198.51.100.7", "2001:db8::1", " 192.0.2.0/28 "],
        Networks = ["10.0.0.0/8", "2001:db8:ff::/48"],
        Users = ["backup-svc"],
    });

    private static AlertCandidate Candidate(string type, string key, string? user = null) => new(
        $"{type}:{key}", type, key, "brute_force", 0.9, RiskLevel.High, RecommendedAction.BlockIp, [], DateTimeOffset.UnixEpoch, null, user);

    [Theory]
    [InlineData("198.51.100.7", SuppressionPolicy.IpRule)]
    [InlineData("::ffff:198.51.100.7", SuppressionPolicy.IpRule)]
    [InlineData("2001:db8::1", SuppressionPolicy.IpRule)]
    [InlineData("10.20.30.40", SuppressionPolicy.NetworkRule)]
    [InlineData("::ffff:10.1.2.3", SuppressionPolicy.NetworkRule)]
    [InlineData("192.0.2.15", SuppressionPolicy.NetworkRule)]
    [InlineData("2001:db8:ff:1::9", SuppressionPolicy.NetworkRule)]
    public void Allow_listed_addresses_and_networks_are_suppressed_by_their_rule(string ip, string rule) =>
        Assert.Equal(rule, Policy.Match(Candidate("ip", ip)));

    [Theory]
    [InlineData("198.51.100.8")]
    [InlineData("11.0.0.1")]
    [InlineData("192.0.2.16")]
    [InlineData("2001:db8::2")]
    [InlineData("not-an-ip")]
    public void Other_addresses_are_not(string ip) => Assert.Null(Policy.Match(Candidate("ip", ip)));

    [Fact]
    public void A_user_is_matched_as_the_entity_or_as_the_user_of_an_ip_candidate_exactly()
    {
        Assert.Equal(SuppressionPolicy.UserRule, Policy.Match(Candidate("user", "backup-svc")));
        Assert.Equal(SuppressionPolicy.UserRule, Policy.Match(Candidate("ip", "45.142.212.61", user: "backup-svc")));
        Assert.Null(Policy.Match(Candidate("user", "Backup-Svc")));
        Assert.Null(Policy.Match(Candidate("ip", "45.142.212.61", user: "admin")));
    }

    [Fact]
    public void Nothing_configured_suppresses_nothing()
    {
        var none = SuppressionPolicy.From(new SuppressionOptions());
        Assert.True(none.IsEmpty);
        Assert.Null(none.Match(Candidate("ip", "10.0.0.1", "root")));
    }

    [Theory]
    [InlineData("Ips", "10.0.0.300")]
    [InlineData("Networks", "10.0.0.0/33")]
    [InlineData("Networks", "office")]
    public void A_malformed_entry_fails_naming_the_key_and_the_entry(string key, string entry)
    {
        var options = key == "Ips" ? new SuppressionOptions { Ips = [entry] } : new SuppressionOptions { Networks = [entry] };
        var ex = Assert.Throws<ArgumentException>(() => SuppressionPolicy.From(options));
        Assert.Contains($"Suppress:{key}", ex.Message);
        Assert.Contains(entry, ex.Message);
    }
}
