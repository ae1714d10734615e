using System.Text;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// Makes untrusted text (log lines, entity names, reasons) inert and bounded inside Slack mrkdwn and plain_text.
/// Slack reads <c>&lt;…&gt;</c> as control sequences (<c>&lt;!channel&gt;</c>, <c>&lt;@U123&gt;</c>,
/// <c>&lt;http://evil|x&gt;</c>), so escaping <c>&amp; &lt; &gt;</c> is what neutralises mentions and link spoofing;
/// backticks are swapped for a look-alike so a code block or inline code cannot be closed early.
/// </summary>
public static class SlackText
{
    public const char Ellipsis = '…';
    /// <summary>U+02CB MODIFIER LETTER GRAVE ACCENT: looks like a backtick, is not one to Slack.</summary>
    public const char BacktickLookalike = 'ˋ';
    public const int SectionTextLimit = 3000;
    public const int FieldTextLimit = 2000;
    public const int ContextTextLimit = 2000;
    public const int HeaderTextLimit = 150;
    /// <summary>Slack accepts 40,000 in the top-level text; notifications show a line, so keep it short.</summary>
    public const int FallbackTextLimit = 3000;
    public const int SampleLineLimit = 300;

    /// <summary>Escapes the three characters Slack treats as control characters; changes nothing else.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text) sb.Append(EscapeChar(c));
        return sb.ToString();
    }

    /// <summary>
    /// One line of plain text: control and bidi-override characters removed, runs of whitespace
    /// (CR, LF, tab, U+2028…) collapsed to one space, lone surrogates replaced, trimmed.
    /// </summary>
    public static string SingleLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (IsStripped(c)) continue;
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            i = AppendScalar(sb, text, i);
        }
        return sb.ToString();
    }

    /// <summary>
    /// One line for a code block: line breaks and tabs become spaces (inner spacing is kept, it aligns logs),
    /// other control characters are removed, backticks are swapped for <see cref="BacktickLookalike"/>.
    /// </summary>
    public static string CodeLine(string? text) => KeepSpacing(text, swapBackticks: true);

    /// <summary>One line that keeps its inner spacing, for plain-text sinks (the console): like <see cref="CodeLine"/>, backticks kept.</summary>
    public static string LogLine(string? text) => KeepSpacing(text, swapBackticks: false);

    private static string KeepSpacing(string? text, bool swapBackticks)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '`' && swapBackticks) sb.Append(BacktickLookalike);
            else if (char.IsWhiteSpace(c)) sb.Append(' ');
            else if (!IsStripped(c)) i = AppendScalar(sb, text, i);
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> chars, ending in an ellipsis when cut; never splits a surrogate pair.</summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text.Length <= maxLength) return text;
        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), Ellipsis.ToString());
    }

    /// <summary>Untrusted text for a mrkdwn field: one line, backticks neutralised, escaped, at most <paramref name="maxLength"/> chars after escaping.</summary>
    public static string Mrkdwn(string? untrusted, int maxLength) =>
        EscapeWithin(SingleLine(untrusted).Replace('`', BacktickLookalike), maxLength);

    /// <summary>Untrusted text as inline code (<c>`…`</c>), including the backticks, at most <paramref name="maxLength"/> chars.</summary>
    public static string InlineCode(string? untrusted, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 3);
        return "`" + Mrkdwn(untrusted, maxLength - 2) + "`";
    }

    /// <summary>Untrusted text for a plain_text object (a header): one line, escaped, at most <paramref name="maxLength"/> chars.</summary>
    public static string PlainText(string? untrusted, int maxLength) =>
        EscapeWithin(SingleLine(untrusted), maxLength);

    /// <summary>
    /// A fenced code block of at most <paramref name="maxLines"/> untrusted lines, each cut to
    /// <paramref name="maxLineLength"/> raw chars, the whole block (fences included) at most
    /// <paramref name="maxLength"/> chars after escaping, so the closing fence always survives.
    /// Returns an empty string when there are no lines.
    /// </summary>
    public static string CodeBlock(IEnumerable<string?> lines, int maxLines, int maxLineLength, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(lines);
        const string Open = "```\n", Close = "\n```";
        var picked = lines.Take(maxLines).ToList();
        if (picked.Count == 0) return string.Empty;
        var perLine = (maxLength - Open.Length - Close.Length - (picked.Count - 1)) / picked.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(perLine, 2, nameof(maxLength));
        var sb = new StringBuilder(Open);
        for (var i = 0; i < picked.Count; i++)
        {
            if (i > 0) sb.Append('\n');
            var line = CodeLine(picked[i]);
            if (line.Length == 0) line = " ";
            sb.Append(EscapeWithin(Truncate(line, maxLineLength), perLine));
        }
        return sb.Append(Close).ToString();
    }

    /// <summary>Escapes <paramref name="clean"/>, cutting it so the escaped result, ellipsis included, fits <paramref name="maxLength"/> without splitting an entity.</summary>
    internal static string EscapeWithin(string clean, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var escaped = Escape(clean);
        if (escaped.Length <= maxLength) return escaped;
        var sb = new StringBuilder(maxLength);
        for (var i = 0; i < clean.Length; i++)
        {
            var piece = char.IsHighSurrogate(clean[i]) && i + 1 < clean.Length
                ? clean.Substring(i, 2)
                : EscapeChar(clean[i]);
            if (sb.Length + piece.Length > maxLength - 1) break;
            sb.Append(piece);
            if (piece.Length == 2 && char.IsHighSurrogate(piece[0])) i++;
        }
        return sb.Append(Ellipsis).ToString();
    }

    private static string EscapeChar(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        _ => c.ToString(),
    };

    /// <summary>Control characters (ANSI escapes among them) and the bidi controls used to make text read differently than it is.</summary>
    private static bool IsStripped(char c) =>
        char.IsControl(c)
        || c is '\u061C' or '\u200E' or '\u200F' or '\uFEFF'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    /// <summary>Appends the scalar at <paramref name="i"/> (a pair, a BMP char, or U+FFFD for a lone surrogate); returns the index of its last char.</summary>
    private static int AppendScalar(StringBuilder sb, string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            sb.Append(c).Append(text[i + 1]);
            return i + 1;
        }
        sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        return i;
    }
}
