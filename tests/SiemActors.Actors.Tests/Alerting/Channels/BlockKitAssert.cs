using System.Text.Json;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting.Channels;

/// <summary>Checks a posted body against the Block Kit rules Slack enforces (types, counts, text limits).</summary>
internal static class BlockKitAssert
{
    private static readonly HashSet<string> TextTypes = ["plain_text", "mrkdwn"];

    public static JsonElement ValidMessage(string json)
    {
        var root = JsonDocument.Parse(json).RootElement.Clone();
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var text = root.GetProperty("text").GetString();
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.True(text!.Length <= 40_000);
        var blocks = root.GetProperty("blocks");
        Assert.InRange(blocks.GetArrayLength(), 1, 50);
        foreach (var block in blocks.EnumerateArray()) ValidBlock(block);
        return root;
    }

    private static void ValidBlock(JsonElement block)
    {
        switch (block.GetProperty("type").GetString())
        {
            case "header":
                var header = block.GetProperty("text");
                Assert.Equal("plain_text", header.GetProperty("type").GetString());
                Assert.InRange(header.GetProperty("text").GetString()!.Length, 1, 150);
                break;
            case "section":
                var hasText = block.TryGetProperty("text", out var text);
                var hasFields = block.TryGetProperty("fields", out var fields);
                Assert.True(hasText || hasFields, "a section needs text or fields");
                if (hasText) ValidText(text, 3000);
                if (hasFields)
                {
                    Assert.InRange(fields.GetArrayLength(), 1, 10);
                    foreach (var field in fields.EnumerateArray()) ValidText(field, 2000);
                }
                break;
            case "context":
                var elements = block.GetProperty("elements");
                Assert.InRange(elements.GetArrayLength(), 1, 10);
                foreach (var element in elements.EnumerateArray()) ValidText(element, 3000);
                break;
            case "divider":
                break;
            case var other:
                Assert.Fail($"unexpected block type {other}");
                break;
        }
    }

    private static void ValidText(JsonElement textObject, int limit)
    {
        Assert.Contains(textObject.GetProperty("type").GetString()!, TextTypes);
        Assert.InRange(textObject.GetProperty("text").GetString()!.Length, 1, limit);
    }

    /// <summary>Every "text" string in the message, the top-level fallback included.</summary>
    public static IReadOnlyList<string> AllTexts(JsonElement element)
    {
        var texts = new List<string>();
        Collect(element, texts);
        return texts;
    }

    private static void Collect(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "text" && property.Value.ValueKind == JsonValueKind.String) texts.Add(property.Value.GetString()!);
                    else Collect(property.Value, texts);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, texts);
                break;
        }
    }

    public static string HeaderText(JsonElement message) =>
        message.GetProperty("blocks").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "header")
            .GetProperty("text").GetProperty("text").GetString()!;

    public static IReadOnlyList<string> SectionTexts(JsonElement message) =>
        [.. message.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "section" && b.TryGetProperty("text", out _))
            .Select(b => b.GetProperty("text").GetProperty("text").GetString()!)];

    public static IReadOnlyList<string> FieldTexts(JsonElement message) =>
        [.. message.GetProperty("blocks").EnumerateArray()
            .Where(b => b.TryGetProperty("fields", out _))
            .SelectMany(b => b.GetProperty("fields").EnumerateArray())
            .Select(f => f.GetProperty("text").GetString()!)];

    public static IReadOnlyList<string> ContextTexts(JsonElement message) =>
        [.. message.GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "context")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Select(e => e.GetProperty("text").GetString()!)];
}
