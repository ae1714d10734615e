using System.Text.Json;
using System.Text.Json.Serialization;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>The body of a Slack incoming-webhook post: fallback text plus Block Kit blocks.</summary>
/// <param name="Text">Shown in notifications and by screen readers; mrkdwn, so escaped like the blocks.</param>
public sealed record SlackMessage(
    string Text,
    IReadOnlyList<SlackBlock> Blocks,
    bool UnfurlLinks = false,
    bool UnfurlMedia = false)
{
    /// <summary>The webhook body, serialised with the source-generated context.</summary>
    public byte[] ToJsonUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, SlackJsonContext.Default.SlackMessage);
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SlackHeaderBlock), "header")]
[JsonDerivedType(typeof(SlackSectionBlock), "section")]
[JsonDerivedType(typeof(SlackContextBlock), "context")]
[JsonDerivedType(typeof(SlackDividerBlock), "divider")]
public abstract record SlackBlock;

/// <summary>Large bold plain text, at most <see cref="SlackText.HeaderTextLimit"/> chars.</summary>
public sealed record SlackHeaderBlock(SlackTextObject Text) : SlackBlock;

/// <summary>A text and/or up to 10 two-column fields.</summary>
public sealed record SlackSectionBlock(SlackTextObject? Text = null, IReadOnlyList<SlackTextObject>? Fields = null) : SlackBlock;

/// <summary>Small grey text, up to 10 elements.</summary>
public sealed record SlackContextBlock(IReadOnlyList<SlackTextObject> Elements) : SlackBlock;

public sealed record SlackDividerBlock : SlackBlock;

/// <summary>A Block Kit text object: <c>plain_text</c> or <c>mrkdwn</c>. Build it with <see cref="Plain"/> or <see cref="Mrkdwn"/>.</summary>
public sealed record SlackTextObject
{
    private SlackTextObject(string type, string text, bool? emoji, bool? verbatim)
    {
        Type = type;
        Text = text;
        Emoji = emoji;
        Verbatim = verbatim;
    }

    [JsonPropertyOrder(-1)]
    public string Type { get; }

    public string Text { get; }

    /// <summary>plain_text only: render <c>:emoji:</c> codes.</summary>
    public bool? Emoji { get; }

    /// <summary>mrkdwn only: true stops Slack auto-linking bare URLs, channel names and mentions in the text.</summary>
    public bool? Verbatim { get; }

    public static SlackTextObject Plain(string text, bool emoji = true) => new("plain_text", text, emoji, null);

    public static SlackTextObject Mrkdwn(string text, bool verbatim = true) => new("mrkdwn", text, null, verbatim);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackMessage))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
