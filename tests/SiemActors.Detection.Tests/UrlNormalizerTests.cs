using SiemActors.Detection.Rules;
using Xunit;

namespace SiemActors.Detection.Tests;

public class UrlNormalizerTests
{
    [Theory]
    [InlineData("/Products/123?Color=RED&size=m", "/products/123?color=red&size=m")]
    [InlineData("/a%2E%2e/%2fETC/passwd", "/a../\u002fetc/passwd")]
    [InlineData("/search?q=union+SELECT", "/search?q=union select")]
    [InlineData("/caf\u00C9/%zz", "/caf\u00E9/%zz")]
    [InlineData("", "")]
    public void Decodes_once_and_lower_cases(string url, string expected)
    {
        var buffer = new char[url.Length];
        var n = UrlNormalizer.DecodeOnce(url, buffer);
        Assert.Equal(expected, new string(buffer, 0, n));
    }

    [Fact]
    public void Plain_ascii_fast_path_matches_lower_casing_char_by_char()
    {
        var rng = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            // Printable ASCII and a few non-ASCII letters, without '%' and '+' (those take the decoding loop).
            var chars = new char[rng.Next(0, 120)];
            for (var c = 0; c < chars.Length; c++)
            {
                var ch = rng.Next(10) == 0 ? "ÀÉİßΣЖ"[rng.Next(6)] : (char)rng.Next(32, 127);
                chars[c] = ch is '%' or '+' ? 'Q' : ch;
            }
            var buffer = new char[chars.Length];
            var n = UrlNormalizer.DecodeOnce(chars, buffer);
            Assert.Equal(new string(chars.Select(char.ToLowerInvariant).ToArray()), new string(buffer, 0, n));
        }
    }
}
