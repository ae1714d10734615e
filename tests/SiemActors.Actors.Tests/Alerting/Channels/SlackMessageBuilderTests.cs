using System.Text.Json;
using SiemActors.Actors.Alerting.Channels;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting.Channels;

public sealed class SlackMessageBuilderTests
{
    private static JsonElement Render(Actors.Alerting.AlertNotification n) =>
        BlockKitAssert.ValidMessage(SlackWire.Serialize(SlackMessageBuilder.Build(n)));

    [Fact]
    public void Header_names_severity_entity_and_scenario()
    {
        var message = Render(TestAlerts.BruteForce());
        Assert.Equal("🔴 CRITICAL · ip 45.142.212.61 · brute_force", BlockKitAssert.HeaderText(message));
    }

    [Fact]
    public void Update_says_so_in_the_header()
    {
        var message = Render(TestAlerts.BruteForce(isUpdate: true, level: RiskLevel.High));
        Assert.Equal("🟠 Update · HIGH · ip 45.142.212.61 · brute_force", BlockKitAssert.HeaderText(message));
    }

    [Fact]
    public void Fields_carry_risk_action_times_and_counts()
    {
        var fields = BlockKitAssert.FieldTexts(Render(TestAlerts.BruteForce()));
        Assert.Contains("*Risk*\n0.97 (critical)", fields);
        Assert.Contains("*Peak risk*\n0.99", fields);
        Assert.Contains("*Recommended action*\nBLOCK_IP", fields);
        Assert.Contains("*Events*\n42", fields);
        Assert.Contains("*First seen*\n2025-03-01T12:00:00Z", fields);
        Assert.Contains("*Last seen*\n2025-03-01T12:05:00Z", fields); // given as +02:00, shown in UTC
    }

    [Fact]
    public void Reasons_are_a_bulleted_list_of_at_most_five()
    {
        var reasons = Enumerable.Range(1, 7).Select(i => $"reason {i}").ToList();
        var section = BlockKitAssert.SectionTexts(Render(TestAlerts.BruteForce(reasons: reasons))).Single(t => t.StartsWith("*Top reasons*", StringComparison.Ordinal));
        Assert.Contains("\n• reason 5", section);
        Assert.DoesNotContain("reason 6", section);
        Assert.Contains("2 more", section);
    }

    [Fact]
    public void Samples_are_at_most_three_lines_in_a_code_block()
    {
        var samples = Enumerable.Range(1, 5).Select(i => $"line {i}").ToList();
        var section = BlockKitAssert.SectionTexts(Render(TestAlerts.BruteForce(samples: samples))).Single(t => t.StartsWith("*Sample lines*", StringComparison.Ordinal));
        Assert.Equal("*Sample lines*\n```\nline 1\nline 2\nline 3\n```", section);
    }

    [Fact]
    public void Alert_page_is_linked_when_given()
    {
        var sections = BlockKitAssert.SectionTexts(Render(TestAlerts.BruteForce(alertPageUrl: "https://siem.example/alerts/a-1?x=1&y=2")));
        Assert.Contains("<https://siem.example/alerts/a-1?x=1&amp;y=2|Open the alert page>", sections);

        var without = Render(TestAlerts.BruteForce(alertPageUrl: null));
        Assert.DoesNotContain(BlockKitAssert.SectionTexts(without), t => t.Contains("alert page", StringComparison.Ordinal));
        var notHttp = Render(TestAlerts.BruteForce(alertPageUrl: "javascript:alert(1)"));
        Assert.DoesNotContain(BlockKitAssert.SectionTexts(notHttp), t => t.Contains("alert page", StringComparison.Ordinal));
    }

    [Fact]
    public void Idempotency_key_is_in_a_context_block_and_repeats_are_flagged()
    {
        var first = BlockKitAssert.ContextTexts(Render(TestAlerts.BruteForce()));
        Assert.Contains(first, t => t.Contains("idempotency key `a-1:r1`", StringComparison.Ordinal));
        Assert.DoesNotContain(first, t => t.Contains("repeat", StringComparison.Ordinal));

        var repeat = BlockKitAssert.ContextTexts(Render(TestAlerts.BruteForce(isRepeat: true)));
        Assert.Contains("Possible repeat of an earlier delivery (idempotency key `a-1:r1`)", repeat);
    }

    [Fact]
    public void Fallback_text_summarises_the_alert()
    {
        var text = Render(TestAlerts.BruteForce()).GetProperty("text").GetString();
        Assert.Equal("🔴 CRITICAL alert · ip 45.142.212.61 · brute_force · risk 0.97 · BLOCK_IP", text);
    }

    [Fact]
    public void Mrkdwn_is_verbatim_and_links_do_not_unfurl()
    {
        var json = SlackWire.Serialize(SlackMessageBuilder.Build(TestAlerts.BruteForce()));
        var root = JsonDocument.Parse(json).RootElement;
        Assert.False(root.GetProperty("unfurl_links").GetBoolean());
        Assert.False(root.GetProperty("unfurl_media").GetBoolean());
        var mrkdwn = root.GetProperty("blocks").EnumerateArray()
            .SelectMany(b => b.TryGetProperty("fields", out var f) ? f.EnumerateArray().ToList() : [])
            .ToList();
        Assert.NotEmpty(mrkdwn);
        Assert.All(mrkdwn, m => Assert.True(m.GetProperty("verbatim").GetBoolean()));
    }

    [Fact]
    public void Hostile_text_renders_inert_and_bounded()
    {
        var hostile = "<!channel> <!here> <@U123> <http://evil|click> ``` \r\nforged line " + new string('x', 10 * 1024);
        var n = TestAlerts.BruteForce(
            samples: [hostile, hostile, hostile, hostile],
            reasons: [hostile, hostile],
            entityKey: "<!channel>" + new string('y', 500),
            alertPageUrl: null);
        var json = SlackWire.Serialize(SlackMessageBuilder.Build(n));
        var message = BlockKitAssert.ValidMessage(json);

        Assert.True(json.Length < 16 * 1024, $"body is {json.Length} chars");
        foreach (var text in BlockKitAssert.AllTexts(message))
        {
            Assert.DoesNotContain("<", text);
            Assert.DoesNotContain(">", text);
            Assert.DoesNotContain("\r", text);
        }
        Assert.Contains("&lt;!channel&gt;", BlockKitAssert.HeaderText(message));
        var samples = BlockKitAssert.SectionTexts(message).Single(t => t.StartsWith("*Sample lines*", StringComparison.Ordinal));
        Assert.EndsWith("\n```", samples);
        Assert.Equal(2, samples.Split("```").Length - 1);
        Assert.Equal(3, samples.Split('\n').Length - 3); // title, opening and closing fence around three lines
        Assert.All(samples.Split('\n').Skip(2).SkipLast(1), line => Assert.InRange(line.Length, 1, 1000));
    }
}
