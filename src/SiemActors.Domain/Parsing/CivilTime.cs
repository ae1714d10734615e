namespace SiemActors.Domain.Parsing;

/// <summary>
/// Calendar arithmetic on ticks, so the parsers can compare and pick candidate dates (the year of an RFC 3164 stamp)
/// without building a <see cref="DateTime"/> or <see cref="DateTimeOffset"/> for each candidate.
/// </summary>
internal static class CivilTime
{
    private static ReadOnlySpan<int> DaysBeforeMonth => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

    /// <summary>Whether the date exists in the proleptic Gregorian calendar that <see cref="DateTime"/> covers.</summary>
    public static bool IsValidDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>Ticks of midnight of a valid date, as <c>new DateTime(year, month, day).Ticks</c>.</summary>
    public static long DateTicks(int year, int month, int day)
    {
        var y = year - 1;
        var days = y * 365 + y / 4 - y / 100 + y / 400 + DaysBeforeMonth[month - 1] + day - 1;
        if (month > 2 && DateTime.IsLeapYear(year)) days++;
        return days * TimeSpan.TicksPerDay;
    }

    public static long TimeTicks(int hour, int minute, int second) =>
        (hour * 3600L + minute * 60L + second) * TimeSpan.TicksPerSecond;
}
