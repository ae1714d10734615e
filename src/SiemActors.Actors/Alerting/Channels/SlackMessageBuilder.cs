using System.Text;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// Turns an <see cref="AlertNotification"/> into a Block Kit message. Everything that came from a log
/// (entity key, scenario, reasons, sample lines) goes through <see cref="SlackText"/>; every text is cut
/// to Slack's limits, so the message is always accepted whatever the attacker wrote.
/// </summary>
public static class SlackMessageBuilder
{
    public const int MaxReasons = 5;
    public const int MaxSampleLines = 3;
    private const int EntityInHeader = 80;
    private const int ScenarioInHeader = 40;
    private const int ReasonLength = 300;
    private const int IdLength = 200;

    public static SlackMessage Build(AlertNotification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var blocks = new List<SlackBlock>
        {
            new SlackHeaderBlock(SlackTextObject.Plain(Header(n))),
            new SlackSectionBlock(Fields: Fields(n)),
        };
        if (n.Reasons.Count > 0) blocks.Add(Section(Reasons(n.Reasons)));
        if (n.SampleLines.Count > 0) blocks.Add(Section(Samples(n.SampleLines)));
        if (AlertFormatting.PageUri(n.AlertPageUrl) is { } page && LinkTo(page) is { } link) blocks.Add(Section(link));
        if (n.IsRepeat)
        {
            blocks.Add(Context(
                $"Possible repeat of an earlier delivery (idempotency key {SlackText.InlineCode(n.IdempotencyKey, IdLength)})"));
        }
        blocks.Add(Context(
            $"Alert {SlackText.InlineCode(n.AlertId, IdLength)} · revision {n.Revision} · idempotency key {SlackText.InlineCode(n.IdempotencyKey, IdLength)}"));
        return new SlackMessage(Fallback(n), blocks);
    }

    /// <summary>e.g. <c>🔴 CRITICAL · ip 45.142.212.61 · brute_force</c>, with <c>Update ·</c> after the emoji for updates.</summary>
    internal static string Header(AlertNotification n)
    {
        var raw = $"{AlertFormatting.Emoji(n.Level)} {(n.IsUpdate ? "Update · " : "")}{AlertFormatting.Label(n.Level)} · "
                  + $"{Cut(n.EntityType, 20)} {Cut(n.EntityKey, EntityInHeader)} · {Cut(n.Scenario, ScenarioInHeader)}";
        return SlackText.PlainText(raw, SlackText.HeaderTextLimit);
    }

    private static string Fallback(AlertNotification n)
    {
        var raw = $"{AlertFormatting.Emoji(n.Level)} {(n.IsUpdate ? "Update: " : "")}{AlertFormatting.Label(n.Level)} alert · "
                  + $"{Cut(n.EntityType, 20)} {Cut(n.EntityKey, EntityInHeader)} · {Cut(n.Scenario, ScenarioInHeader)} · "
                  + $"risk {AlertFormatting.Score(n.RiskScore)} · {n.Action.ToWire()}";
        return SlackText.Mrkdwn(raw, SlackText.FallbackTextLimit);
    }

    private static List<SlackTextObject> Fields(AlertNotification n) =>
    [
        Field("Entity", $"{SlackText.Mrkdwn(n.EntityType, 40)} {SlackText.InlineCode(n.EntityKey, 300)}"),
        Field("Scenario", SlackText.Mrkdwn(n.Scenario, 300)),
        Field("Risk", $"{AlertFormatting.Score(n.RiskScore)} ({n.Level.ToWire()})"),
        Field("Peak risk", AlertFormatting.Score(n.PeakRiskScore)),
        Field("Recommended action", n.Action.ToWire()),
        Field("Events", AlertFormatting.Count(n.EventCount)),
        Field("First seen", AlertFormatting.Utc(n.FirstSeen)),
        Field("Last seen", AlertFormatting.Utc(n.LastSeen)),
    ];

    private static string Reasons(IReadOnlyList<string> reasons)
    {
        var sb = new StringBuilder("*Top reasons*");
        foreach (var reason in reasons.Take(MaxReasons))
            sb.Append("\n• ").Append(SlackText.Mrkdwn(reason, ReasonLength));
        if (reasons.Count > MaxReasons) sb.Append("\n_… and ").Append(reasons.Count - MaxReasons).Append(" more_");
        return sb.ToString();
    }

    private static string Samples(IReadOnlyList<string> lines)
    {
        const string Title = "*Sample lines*\n";
        return Title + SlackText.CodeBlock(lines, MaxSampleLines, SlackText.SampleLineLimit, SlackText.SectionTextLimit - Title.Length);
    }

    /// <summary>A mrkdwn link; <c>|</c> and <c>&gt;</c> would end the URL part, so they are percent-encoded.</summary>
    private static string? LinkTo(Uri page)
    {
        var url = page.AbsoluteUri.Replace("&", "&amp;").Replace("<", "%3C").Replace(">", "%3E").Replace("|", "%7C");
        return url.Length > SlackText.SectionTextLimit - 30 ? null : $"<{url}|Open the alert page>";
    }

    private static string Cut(string? text, int max) => SlackText.Truncate(SlackText.SingleLine(text), max);

    private static SlackTextObject Field(string title, string value) =>
        SlackTextObject.Mrkdwn(SlackText.Truncate($"*{title}*\n{value}", SlackText.FieldTextLimit));

    private static SlackSectionBlock Section(string mrkdwn) =>
        new(SlackTextObject.Mrkdwn(SlackText.Truncate(mrkdwn, SlackText.SectionTextLimit)));

    private static SlackContextBlock Context(string mrkdwn) =>
        new([SlackTextObject.Mrkdwn(SlackText.Truncate(mrkdwn, SlackText.ContextTextLimit))]);
}
