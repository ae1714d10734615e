using Microsoft.Extensions.Logging;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting.Channels;

public sealed class ConsoleAlertChannelTests
{
    [Fact]
    public async Task Writes_one_readable_multi_line_warning()
    {
        var log = new CapturingLogger();
        var channel = new ConsoleAlertChannel(log);

        var result = await channel.DeliverAsync(TestAlerts.BruteForce(isRepeat: true), CancellationToken.None);

        Assert.IsType<DeliveryResult.Delivered>(result);
        Assert.Equal("console", channel.Name);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        var lines = entry.Message.Split('\n');
        Assert.StartsWith("🔴 ALERT CRITICAL · ip 45.142.212.61 · brute_force · risk 0.97 → BLOCK_IP (alert a-1, revision 1)", lines[0]);
        Assert.Contains(lines, l => l.Contains("first seen 2025-03-01T12:00:00Z, last seen 2025-03-01T12:05:00Z, 42 events", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim() == "- 42 failed logins in 60 s");
        Assert.Contains(lines, l => l.TrimStart().StartsWith("| Mar  1 12:00:01 host sshd[123]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("alert page: https://siem.example/alerts/a-1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("possible repeat", StringComparison.Ordinal));
        Assert.Equal("45.142.212.61", entry.Values["EntityKey"]);
    }

    [Fact]
    public async Task Log_lines_cannot_forge_entries_or_send_terminal_escapes()
    {
        var log = new CapturingLogger();
        var forged = "ok\r\n[WRN] forged entry\u001b[2J" + new string('z', 5000);

        await new ConsoleAlertChannel(log).DeliverAsync(TestAlerts.BruteForce(samples: [forged], entityKey: "evil\nuser"), CancellationToken.None);

        var message = Assert.Single(log.Entries).Message;
        Assert.DoesNotContain("\r", message);
        Assert.DoesNotContain("\u001b", message);
        Assert.DoesNotContain(message.Split('\n'), l => l.StartsWith("[WRN]", StringComparison.Ordinal));
        Assert.Contains("ip evil user ·", message);
        Assert.True(message.Length < 3000, $"message is {message.Length} chars");
    }
}
