using SiemActors.Detection.Rules;
using Xunit;

namespace SiemActors.Detection.Tests;

/// <summary>The per-thread answer cache of <see cref="ScannerUserAgentRule"/> keys on the string instance, never its content.</summary>
public sealed class ScannerUserAgentCacheTests
{
    private const string Tool = "sqlmap/1.7.2 (https://sqlmap.org)";
    // Same length and same middle character as Tool: the two agents land in the same cache slot.
    private static readonly string Browser = new string('b', Tool.Length).Remove(Tool.Length / 2, 1).Insert(Tool.Length / 2, Tool[Tool.Length / 2].ToString());

    [Fact]
    public void Agents_sharing_a_slot_each_get_their_own_answer()
    {
        var tool = new string(Tool.AsSpan());
        var browser = new string(Browser.AsSpan());
        Assert.Equal(tool.Length, browser.Length);
        Assert.Equal(tool[tool.Length / 2], browser[browser.Length / 2]);

        Assert.Equal("sqlmap", ScannerUserAgentRule.ToolIn(tool));
        Assert.Null(ScannerUserAgentRule.ToolIn(browser));
        Assert.Equal("sqlmap", ScannerUserAgentRule.ToolIn(tool));
        Assert.Null(ScannerUserAgentRule.ToolIn(browser));
    }

    [Fact]
    public void A_repeated_instance_and_an_equal_new_one_get_the_same_answer()
    {
        var first = new string("Nikto/2.5.0".AsSpan());
        Assert.Equal("nikto", ScannerUserAgentRule.ToolIn(first), ignoreCase: true);
        Assert.Equal("nikto", ScannerUserAgentRule.ToolIn(first), ignoreCase: true);
        Assert.Equal("nikto", ScannerUserAgentRule.ToolIn(new string("Nikto/2.5.0".AsSpan())), ignoreCase: true);
    }
}
