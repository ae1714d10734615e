using SiemActors.Actors.Alerting.Channels;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting.Channels;

public sealed class SlackTextTests
{
    [Theory]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("<!here> <@U123>", "&lt;!here&gt; &lt;@U123&gt;")]
    [InlineData("<http://evil|x>", "&lt;http://evil|x&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("&lt;", "&amp;lt;")]
    [InlineData("plain", "plain")]
    public void Escape_neutralises_slack_control_sequences(string input, string expected) =>
        Assert.Equal(expected, SlackText.Escape(input));

    [Fact]
    public void SingleLine_collapses_line_breaks_and_strips_control_characters()
    {
        var text = "  first\r\nsecond\n\n\tthird\u001b[31mred\u0000\u202Eevil\u2028end  ";
        Assert.Equal("first second third[31mredevil end", SlackText.SingleLine(text));
    }

    [Fact]
    public void SingleLine_replaces_lone_surrogates_and_keeps_pairs()
    {
        Assert.Equal("a\uFFFDb 🔴", SlackText.SingleLine("a\uD800b 🔴"));
    }

    [Fact]
    public void CodeLine_swaps_backticks_and_keeps_inner_spacing()
    {
        Assert.Equal("ˋˋˋ closed? x y", SlackText.CodeLine("``` closed?\tx\ny"));
    }

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("longer than ten", 10, "longer th…")]
    public void Truncate_cuts_with_an_ellipsis(string input, int max, string expected) =>
        Assert.Equal(expected, SlackText.Truncate(input, max));

    [Fact]
    public void Truncate_never_splits_a_surrogate_pair()
    {
        var cut = SlackText.Truncate("ab🔴🔴🔴", 4); // 'a','b',high,low,...: keeping 3 chars would split the first emoji
        Assert.Equal("ab…", cut);
        Assert.DoesNotContain(cut, char.IsSurrogate);
    }

    [Fact]
    public void Mrkdwn_bounds_the_escaped_length_without_splitting_an_entity()
    {
        var escaped = SlackText.Mrkdwn(new string('<', 1000), 100);
        Assert.True(escaped.Length <= 100);
        Assert.EndsWith("…", escaped);
        Assert.Equal(escaped.TrimEnd('…'), string.Concat(Enumerable.Repeat("&lt;", escaped.Length / 4)));
    }

    [Fact]
    public void Mrkdwn_neutralises_backticks_and_line_breaks()
    {
        Assert.Equal("ˋˋˋ x &lt;!channel&gt; y", SlackText.Mrkdwn("```\nx <!channel>\r\ny", 100));
    }

    [Fact]
    public void InlineCode_wraps_in_backticks_within_the_limit()
    {
        var code = SlackText.InlineCode("a`b" + new string('x', 50), 20);
        Assert.True(code.Length <= 20);
        Assert.StartsWith("`aˋb", code);
        Assert.EndsWith("`", code);
        Assert.Equal(2, code.Count(c => c == '`'));
    }

    [Fact]
    public void CodeBlock_cannot_be_closed_early_and_stays_within_the_limit()
    {
        var hostile = "``` <!channel> <http://evil|x> " + new string('&', 10 * 1024);
        var block = SlackText.CodeBlock([hostile, hostile, hostile, hostile], maxLines: 3, maxLineLength: 300, maxLength: 3000);

        Assert.True(block.Length <= 3000, $"length {block.Length}");
        Assert.StartsWith("```\n", block);
        Assert.EndsWith("\n```", block);
        Assert.Equal(2, CountOf(block, "```"));
        Assert.DoesNotContain("<", block);
        Assert.Equal(3, block.Split('\n').Length - 2); // three lines between the fences
    }

    [Fact]
    public void CodeBlock_cuts_each_line_to_the_line_limit()
    {
        var block = SlackText.CodeBlock([new string('a', 1000)], maxLines: 3, maxLineLength: 300, maxLength: 3000);
        var line = block.Split('\n')[1];
        Assert.Equal(300, line.Length);
        Assert.EndsWith("…", line);
    }

    [Fact]
    public void CodeBlock_of_nothing_is_empty() =>
        Assert.Equal("", SlackText.CodeBlock([], 3, 300, 3000));

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
