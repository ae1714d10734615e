namespace SiemActors.Domain.Parsing;

/// <summary>
/// Calendar arithmetic on ticks, so the parsers can compare and pick candidate dates (the year of an RFC 3164 stamp)
/// without building a <see cref="DateTime"/> or <see cref="DateTimeOffset"/> for each candidate. Unsigned and
/// table-driven: <see cref="DateTime.DaysInMonth"/> and signed division by 4/100/400 were most of a timestamp's cost.
/// </summary>
internal static class CivilTime
{
    private static ReadOnlySpan<ushort> DaysBeforeMonth => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    /// <summary>Whether the date exists in the proleptic Gregorian calendar that <see cref="DateTime"/> covers.</summary>
    public static bool IsValidDate(int year, int month, int day)
    {
        if ((uint)(year - 1) >= 9999 || (uint)(month - 1) >= 12 || day < 1) return false;
        var days = DaysBeforeMonth[month] - DaysBeforeMonth[month - 1];
        if (month == 2 && IsLeapYear(year)) days++;
        return day <= days;
    }

    /// <summary>As <see cref="DateTime.IsLeapYear"/>, for a year already known to be 1..9999.</summary>
    private static bool IsLeapYear(int year) =>
        (year & 3) == 0 && ((year & 15) == 0 || (uint)year % 25 != 0);

    /// <summary>Ticks of midnight of a valid date, as <c>new DateTime(year, month, day).Ticks</c>.</summary>
    public static long DateTicks(int year, int month, int day)
    {
        var y = (uint)(year - 1);
        var days = y * 365 + y / 4 - y / 100 + y / 400 + DaysBeforeMonth[month - 1] + (uint)day - 1;
        if (month > 2 && IsLeapYear(year)) days++;
        return days * TimeSpan.TicksPerDay;
    }

    public static long TimeTicks(int hour, int minute, int second) =>
        (hour * 3600L + minute * 60L + second) * TimeSpan.TicksPerSecond;
}
