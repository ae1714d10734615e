using System.Reflection;
using SiemActors.Domain.Events;
using Xunit;
using static SiemActors.Domain.Tests.Parsing.ParseHelpers;

namespace SiemActors.Domain.Tests.Parsing;

/// <summary>
/// A syslog event keeps its message as a range of the line until read. Nothing outside may tell: the text, equality,
/// hashing and <c>with</c> copies behave as if the message had been a string all along.
/// </summary>
public class MessageRangeTests
{
    private const string Line = "Jun 15 10:00:00 web-01 sshd[1]: Failed password for alice from 10.0.0.1 port 22 ssh2  ";
    private const string Text = "Failed password for alice from 10.0.0.1 port 22 ssh2";

    [Fact]
    public void The_message_reads_as_the_trimmed_payload()
    {
        Assert.Equal(Text, Ok(SourceKind.Sshd, Line).Message);
        Assert.Equal("hello", Ok(SourceKind.Syslog, "<13>1 2024-06-15T10:00:00Z h app - - - hello").Message);
    }

    [Fact]
    public void A_range_equals_the_same_event_with_the_message_as_a_string()
    {
        var range = Ok(SourceKind.Sshd, Line);
        var read = Ok(SourceKind.Sshd, Line);
        _ = read.Message;
        var explicitText = Ok(SourceKind.Sshd, Line) with { Message = Text };
        Assert.Equal(explicitText, range);
        Assert.Equal(explicitText.GetHashCode(), range.GetHashCode());
        Assert.Equal(range, read);
        Assert.Equal(range.GetHashCode(), read.GetHashCode());
        Assert.NotEqual(range, range with { Message = Text + "!" });
        Assert.NotEqual(range, range with { Message = null });
    }

    [Fact]
    public void Replacing_the_line_keeps_the_message()
    {
        var ev = Ok(SourceKind.Sshd, Line) with { Original = null };
        Assert.Null(ev.Original);
        Assert.Equal(Text, ev.Message);
        Assert.Equal(Text, (Ok(SourceKind.Sshd, Line) with { Original = "other" }).Message);
    }

    [Fact]
    public void Every_property_takes_part_in_equality()
    {
        var ev = Ok(SourceKind.Sshd, Line);
        foreach (var p in typeof(LogEvent).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var changed = ev with { };
            p.SetValue(changed, Other(p.PropertyType, p.GetValue(ev)));
            Assert.False(ev.Equals(changed), $"{p.Name} is ignored by Equals");
        }
    }

    private static object? Other(Type type, object? current) => type switch
    {
        _ when type == typeof(string) => current is "x" ? "y" : "x",
        _ when type == typeof(int?) => current is 7 ? 8 : 7,
        _ when type == typeof(long?) => current is 7L ? 8L : 7L,
        _ when type == typeof(DateTimeOffset) => ((DateTimeOffset)current!).AddSeconds(1),
        _ when type.IsEnum => Enum.ToObject(type, Convert.ToInt32(current, System.Globalization.CultureInfo.InvariantCulture) == 1 ? 2 : 1),
        _ => throw new InvalidOperationException($"no other value for {type}"),
    };
}
