using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;
using Xunit;

namespace SiemActors.Domain.Tests.Parsing;

/// <summary>
/// The year of an RFC 3164 stamp is now picked with tick arithmetic; it must agree with the original rule, written here
/// with DateTimeOffset as it first was, around New Year, month ends, leap days, far offsets and the calendar's ends.
/// </summary>
public class YearResolutionTests
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static TheoryData<int> ReceiveYears => new() { 1, 2000, 2023, 2024, 2025, 2100, 9998, 9999 };

    [Theory]
    [MemberData(nameof(ReceiveYears))]
    public void Agrees_with_the_DateTimeOffset_rule(int receiveYear)
    {
        var checkedLines = 0;
        foreach (var receivedAt in ReceiveTimes(receiveYear))
        {
            foreach (var (month, day, clock) in Stamps())
            {
                var line = $"{Months[month - 1]} {day,2} {clock} host prog: x";
                var outcome = LineParsers.Parse(SourceKind.Syslog, line, receivedAt);
                var expected = Reference(month, day, clock, receivedAt);
                Assert.True(expected.HasValue == outcome.Success, $"{line} received {receivedAt:O}: expected {expected:O}, got {outcome.Error}");
                if (expected is { } e)
                {
                    var actual = outcome.Event!.Timestamp;
                    Assert.True((e.Ticks, e.Offset) == (actual.Ticks, actual.Offset), $"{line} received {receivedAt:O}: expected {e:O}, got {actual:O}");
                }
                checkedLines++;
            }
        }
        Assert.True(checkedLines > 10_000);
    }

    /// <summary>The original rule: the newest year from next year back that gives a valid date at most a day after receipt.</summary>
    private static DateTimeOffset? Reference(int month, int day, TimeSpan clock, DateTimeOffset receivedAt)
    {
        DateTimeOffset limit;
        try
        {
            limit = receivedAt.AddDays(1);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // the parser reports it as a parse error
        }
        for (var year = receivedAt.Year + 1; year >= receivedAt.Year - 8; year--)
        {
            if (year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month)) continue;
            var local = new DateTime(year, month, day).Ticks + clock.Ticks;
            var utc = local - receivedAt.Offset.Ticks;
            if (local > DateTime.MaxValue.Ticks || utc < 0 || utc > DateTime.MaxValue.Ticks) continue;
            var value = new DateTimeOffset(local, receivedAt.Offset);
            if (value <= limit) return value;
        }
        return null;
    }

    private static IEnumerable<DateTimeOffset> ReceiveTimes(int year)
    {
        TimeSpan[] offsets = [TimeSpan.Zero, TimeSpan.FromHours(14), TimeSpan.FromHours(-12), new(5, 30, 0), -new TimeSpan(9, 30, 0)];
        TimeSpan[] clocks = [TimeSpan.Zero, new(0, 0, 1), new(12, 0, 0), new(23, 59, 59)];
        (int Month, int Day)[] days = [(1, 1), (1, 2), (1, 31), (2, 28), (2, 29), (3, 1), (4, 30), (12, 30), (12, 31)];
        foreach (var (month, day) in days)
        {
            if (day > DateTime.DaysInMonth(year, month)) continue;
            foreach (var clock in clocks)
            {
                foreach (var offset in offsets)
                {
                    var utc = new DateTime(year, month, day).Ticks + clock.Ticks - offset.Ticks;
                    if (utc < 0 || utc > DateTime.MaxValue.Ticks) continue; // not a DateTimeOffset
                    yield return new DateTimeOffset(new DateTime(year, month, day).Add(clock), offset);
                }
            }
        }
    }

    private static IEnumerable<(int Month, int Day, TimeSpan Clock)> Stamps()
    {
        string[] clocks = ["00:00:00", "00:00:01", "12:00:00", "23:59:59", "23:59:59.5"];
        for (var month = 1; month <= 12; month++)
        {
            foreach (var day in new[] { 1, 2, 27, 28, 29, 30, 31 })
            {
                foreach (var clock in clocks)
                {
                    yield return (month, day, TimeSpan.Parse(clock, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
