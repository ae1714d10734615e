using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;
using Xunit;

namespace SiemActors.Domain.Tests.Parsing;

internal static class ParseHelpers
{
    /// <summary>Receive time for the fixtures: mid-2024, UTC, so year-less stamps resolve to 2024.</summary>
    public static readonly DateTimeOffset Received = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static LogEvent Ok(SourceKind kind, string line, DateTimeOffset? receivedAt = null)
    {
        var outcome = LineParsers.Parse(kind, line, receivedAt ?? Received);
        Assert.True(outcome.Success, $"expected '{line}' to parse, got: {outcome.Error}");
        Assert.Null(outcome.Error);
        var ev = outcome.Event!;
        Assert.Same(line, ev.Original);
        return ev;
    }

    public static string Fails(SourceKind kind, string line)
    {
        var outcome = LineParsers.Parse(kind, line, Received);
        Assert.False(outcome.Success, $"expected '{line}' to fail, got action {outcome.Event?.Action}");
        Assert.False(string.IsNullOrWhiteSpace(outcome.Error));
        return outcome.Error!;
    }
}
