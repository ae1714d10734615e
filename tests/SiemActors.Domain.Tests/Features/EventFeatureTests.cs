using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Domain.Tests.Features;

public sealed class EventFeatureTests
{
    /// <summary>
    /// The textbook definition, -sum(p log2 p), to check the rearranged one-log-per-character form against; characters
    /// beyond ASCII count as one symbol, as in the feature (what matters is that the URL carries them at all).
    /// </summary>
    private static double ReferenceEntropy(string s) =>
        -s.GroupBy(c => c < 128 ? c : '\uFFFF').Select(g => (double)g.Count() / s.Length).Sum(p => p * Math.Log2(p));

    [Theory]
    [InlineData("/index.html")]
    [InlineData("/wp-login.php?redirect_to=%2Fwp-admin%2F&reauth=1")]
    [InlineData("/?id=1%27%20UNION%20SELECT%20NULL,NULL,NULL--%20-")]
    [InlineData("aaaaaaaaab")]
    [InlineData("x")]
    [InlineData("/ünïcödé/路径/😀")]
    public void Entropy_matches_the_textbook_definition(string url) =>
        Assert.Equal(ReferenceEntropy(url), EventFeatures.ShannonEntropy(url), 9);

    [Fact]
    public void Entropy_of_random_strings_matches_the_textbook_definition()
    {
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var s = new string([.. Enumerable.Range(0, random.Next(1, 300)).Select(_ => (char)random.Next(32, 400))]);
            Assert.Equal(ReferenceEntropy(s), EventFeatures.ShannonEntropy(s), 9);
        }
    }

    [Theory]
    [InlineData("/wp-login.php", true)]
    [InlineData("/WP-ADMIN/options.php", true)]
    [InlineData("/static/.ENV", true)]
    [InlineData("/db/dump.sql", true)]
    [InlineData("/cgi-bin/luci", true)]
    [InlineData("/index.html", false)]
    [InlineData("/products/12?page=2", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Sensitive_endpoints_are_found_case_insensitively(string? url, bool sensitive) =>
        Assert.Equal(sensitive, SensitiveEndpoints.IsSensitive(url));
}
