using System.Buffers;
using System.Text;

namespace SiemActors.Detection.Rules;

/// <summary>Percent-decodes a URL once ('+' as space) and lower-cases it, into a caller's buffer.</summary>
public static class UrlNormalizer
{
    /// <returns>Characters written (at most <c>url.Length</c>).</returns>
    public static int DecodeOnce(ReadOnlySpan<char> url, Span<char> destination)
    {
        // Most URLs are plain ASCII with nothing to decode: one vectorised lower-casing pass instead of a loop per
        // char. Ascii.ToLower maps exactly the chars char.ToLowerInvariant maps within ASCII (A-Z).
        if (!url.ContainsAny(Escapes) && Ascii.ToLower(url, destination, out var written) == OperationStatus.Done) return written;
        var n = 0;
        for (var i = 0; i < url.Length; i++)
        {
            var ch = url[i];
            if (ch == '%' && i + 2 < url.Length && IsHex(url[i + 1]) && IsHex(url[i + 2]))
            {
                ch = (char)(HexValue(url[i + 1]) << 4 | HexValue(url[i + 2]));
                i += 2;
            }
            else if (ch == '+')
            {
                ch = ' ';
            }
            destination[n++] = char.ToLowerInvariant(ch);
        }
        return n;
    }

    private static readonly SearchValues<char> Escapes = SearchValues.Create("%+");

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
