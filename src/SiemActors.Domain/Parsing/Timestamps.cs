using System.Runtime.CompilerServices;

namespace SiemActors.Domain.Parsing;

/// <summary>The timestamp forms the parsers meet: RFC 3164 (year-less), RFC 3339 (RFC 5424, JSON), and the access-log form.</summary>
internal static class Timestamps
{
    /// <summary>Builds a timestamp from parts; false (never an exception) when a part is out of range.</summary>
    public static bool TryMake(int year, int month, int day, int hour, int minute, int second, long fractionTicks, int offsetMinutes, out DateTimeOffset value)
    {
        value = default;
        if (!CivilTime.IsValidDate(year, month, day) || !IsValidClock(hour, minute, second) || Math.Abs(offsetMinutes) > 24 * 60)
        {
            return false;
        }
        return TryFromTicks(CivilTime.DateTicks(year, month, day) + CivilTime.TimeTicks(hour, minute, second) + fractionTicks, offsetMinutes, out value);
    }

    private static bool IsValidClock(int hour, int minute, int second) =>
        (uint)hour <= 23 && (uint)minute <= 59 && (uint)second <= 59;

    /// <summary>A valid date's local ticks and offset as a timestamp, if the instant lies within <see cref="DateTime"/>'s range.</summary>
    private static bool TryFromTicks(long local, int offsetMinutes, out DateTimeOffset value)
    {
        var utc = local - offsetMinutes * TimeSpan.TicksPerMinute;
        if ((ulong)local > (ulong)DateTime.MaxValue.Ticks || (ulong)utc > (ulong)DateTime.MaxValue.Ticks)
        {
            value = default;
            return false;
        }
        // DateTimeOffset only holds offsets up to 14 h; RFC 3339 allows 23:59, so keep those as UTC.
        value = Math.Abs(offsetMinutes) <= 14 * 60
            ? new DateTimeOffset(local, new TimeSpan(offsetMinutes * TimeSpan.TicksPerMinute))
            : new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// RFC 3164 <c>Mmm dd hh:mm:ss</c> (day space- or zero-padded or bare, optional <c>yyyy</c> before the time, optional
    /// fraction). The year comes from <paramref name="receivedAt"/>: the latest year that does not put the line more than a
    /// day after receipt, so a "Dec 31" line received on Jan 1 is last year's.
    /// </summary>
    public static bool TryRfc3164(ReadOnlySpan<char> s, DateTimeOffset receivedAt, out DateTimeOffset value, out int consumed)
    {
        // Nearly every stamp is "Mmm dd hh:mm:ss" or "Mmm  d hh:mm:ss": read at fixed places, without the general scan's
        // loops and bounds checks. Any other shape (a year, a fraction, other spacing, a bad digit) goes the general way,
        // which reads these two shapes the same.
        if (s.Length >= 15 && s[6] == ' ' && s[9] == ':' && s[12] == ':' && (s.Length == 15 || s[15] != '.'))
        {
            var day = s[4] == ' ' ? Digit(s[5]) : TwoDigits(s, 4);
            int hour = TwoDigits(s, 7), minute = TwoDigits(s, 10), second = TwoDigits(s, 13);
            var month = Scan.Month(s);
            if (day > 0 && (hour | minute | second) >= 0 && month != 0 && s[3] == ' ')
            {
                consumed = 15;
                return TryResolveYear(month, day, hour, minute, second, 0, receivedAt, out value);
            }
        }
        return TryRfc3164General(s, receivedAt, out value, out consumed);
    }

    private static bool TryRfc3164General(ReadOnlySpan<char> s, DateTimeOffset receivedAt, out DateTimeOffset value, out int consumed)
    {
        value = default;
        consumed = 0;
        if (s.Length < 14) return false;
        var month = Scan.Month(s);
        if (month == 0 || s[3] != ' ') return false;
        var i = 4;
        while (i < s.Length && s[i] == ' ') i++;
        var dayStart = i;
        var day = 0;
        while (i < s.Length && Scan.IsDigit(s[i]) && i - dayStart < 2) day = day * 10 + (s[i++] - '0');
        if (i == dayStart || i >= s.Length || s[i] != ' ') return false;
        i++;
        var year = 0;
        var y = Scan.Digits(s, i, 4);
        if (y >= 0 && i + 4 < s.Length && s[i + 4] == ' ')
        {
            year = y;
            i += 5;
        }
        if (!TryClock(s, ref i, out var hour, out var minute, out var second, out var frac)) return false;
        consumed = i;
        if (year > 0) return TryMake(year, month, day, hour, minute, second, frac, (int)receivedAt.Offset.TotalMinutes, out value);
        return TryResolveYear(month, day, hour, minute, second, frac, receivedAt, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit(char c) => (uint)(c - '0') <= 9 ? c - '0' : -1;

    /// <summary>The two digits at <paramref name="at"/> as a number, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TwoDigits(ReadOnlySpan<char> s, int at)
    {
        uint a = (uint)(s[at] - '0'), b = (uint)(s[at + 1] - '0');
        return a <= 9 && b <= 9 ? (int)(a * 10 + b) : -1;
    }

    public static bool TryResolveYear(int month, int day, int hour, int minute, int second, long frac, DateTimeOffset receivedAt, out DateTimeOffset value)
    {
        value = default;
        var received = receivedAt.Year;
        // The line may be at most a day after receipt. Candidates share receivedAt's offset, so comparing clock ticks is
        // comparing instants. Past 9999-12-30 AddDays throws, which the caller reports as a parse failure, as it always has.
        var limit = received < 9999 ? receivedAt.Ticks + TimeSpan.TicksPerDay : receivedAt.AddDays(1).Ticks;
        // Checked once here rather than per candidate year: a bad clock fails every candidate alike.
        if (!IsValidClock(hour, minute, second)) return false;
        var offset = (int)(receivedAt.Offset.Ticks / TimeSpan.TicksPerMinute);
        var time = CivilTime.TimeTicks(hour, minute, second) + frac;
        // Newest first: next year covers a Jan 1 line received on Dec 31; Feb 29 may need to go back to a leap year.
        // Only the chosen candidate becomes a DateTimeOffset.
        for (var year = received + 1; year >= received - 8; year--)
        {
            if (!CivilTime.IsValidDate(year, month, day)) continue;
            var local = CivilTime.DateTicks(year, month, day) + time;
            if (local <= limit && TryFromTicks(local, offset, out value)) return true;
        }
        value = default;
        return false;
    }

    /// <summary><c>hh:mm:ss[.fraction]</c> at <paramref name="i"/>; advances past it.</summary>
    private static bool TryClock(ReadOnlySpan<char> s, ref int i, out int hour, out int minute, out int second, out long frac)
    {
        hour = Scan.Digits(s, i, 2);
        minute = Scan.Digits(s, i + 3, 2);
        second = Scan.Digits(s, i + 6, 2);
        frac = 0;
        if (hour < 0 || minute < 0 || second < 0 || s[i + 2] != ':' || s[i + 5] != ':') return false;
        i += 8;
        if (i < s.Length && s[i] == '.')
        {
            var n = ReadFraction(s, i + 1, 9, out frac);
            if (n == 0) return false;
            i += n + 1;
        }
        return true;
    }

    /// <summary>Reads up to <paramref name="maxDigits"/> fraction digits as ticks; returns the digit count (0: none or too many).</summary>
    private static int ReadFraction(ReadOnlySpan<char> s, int at, int maxDigits, out long ticks)
    {
        ticks = 0;
        var n = 0;
        long scale = TimeSpan.TicksPerSecond;
        while (at + n < s.Length && Scan.IsDigit(s[at + n]))
        {
            if (n == maxDigits) return 0;
            scale /= 10;
            ticks += (s[at + n] - '0') * scale;
            n++;
        }
        return n;
    }

    /// <summary>
    /// RFC 3339. Strict (RFC 5424 TIMESTAMP): upper-case T and Z, 1..6 fraction digits, a zone required.
    /// Lenient (JSON, ISO-stamped syslog): also lower case, a space for T, 9 fraction digits, <c>+hhmm</c>, no zone (UTC).
    /// </summary>
    public static bool TryRfc3339(ReadOnlySpan<char> s, bool strict, out DateTimeOffset value, out int consumed)
    {
        value = default;
        consumed = 0;
        int year = Scan.Digits(s, 0, 4), month = Scan.Digits(s, 5, 2), day = Scan.Digits(s, 8, 2);
        if (year < 0 || month < 0 || day < 0 || s[4] != '-' || s[7] != '-' || s.Length < 19) return false;
        var t = s[10];
        if (!(t == 'T' || (!strict && t is 't' or ' '))) return false;
        var i = 11;
        int hour = Scan.Digits(s, i, 2), minute = Scan.Digits(s, i + 3, 2), second = Scan.Digits(s, i + 6, 2);
        if (hour < 0 || minute < 0 || second < 0 || s[i + 2] != ':' || s[i + 5] != ':') return false;
        i += 8;
        long frac = 0;
        if (i < s.Length && (s[i] == '.' || (!strict && s[i] == ',')))
        {
            var n = ReadFraction(s, i + 1, strict ? 6 : 9, out frac);
            if (n == 0) return false;
            i += n + 1;
        }
        var offset = 0;
        if (i < s.Length && (s[i] == 'Z' || (!strict && s[i] == 'z')))
        {
            i++;
        }
        else if (i < s.Length && s[i] is '+' or '-')
        {
            var sign = s[i] == '-' ? -1 : 1;
            var oh = Scan.Digits(s, i + 1, 2);
            if (oh < 0 || oh > 23) return false;
            int om;
            if (i + 3 < s.Length && s[i + 3] == ':') { om = Scan.Digits(s, i + 4, 2); i += 6; }
            else if (!strict && Scan.Digits(s, i + 3, 2) >= 0) { om = Scan.Digits(s, i + 3, 2); i += 5; }
            else if (!strict) { om = 0; i += 3; }
            else return false;
            if (om < 0 || om > 59) return false;
            offset = sign * (oh * 60 + om);
        }
        else if (strict)
        {
            return false;
        }
        consumed = i;
        if (second == 60)
        {
            // A leap second: RFC 3339 allows it, DateTime does not; it becomes the first instant of the next minute.
            if (!TryMake(year, month, day, hour, minute, 59, frac, offset, out value)) return false;
            value = value.AddSeconds(1);
            return true;
        }
        return TryMake(year, month, day, hour, minute, second, frac, offset, out value);
    }

    /// <summary>Access-log time <c>10/Oct/2000:13:55:36 -0700</c>.</summary>
    public static bool TryCommonLog(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 26) return false;
        // Every part is at a fixed place: read straight from a 26-char slice, which spares each read its bounds check.
        var t = s[..26];
        if (t[2] != '/' || t[6] != '/' || t[11] != ':' || t[14] != ':' || t[17] != ':' || t[20] != ' ' || t[21] is not ('+' or '-')) return false;
        int day = TwoDigits(t, 0), month = Scan.Month(t[3..]), century = TwoDigits(t, 7), yy = TwoDigits(t, 9);
        int hour = TwoDigits(t, 12), minute = TwoDigits(t, 15), second = TwoDigits(t, 18);
        int oh = TwoDigits(t, 22), om = TwoDigits(t, 24);
        if ((day | century | yy | hour | minute | second | oh | om) < 0 || month == 0 || om > 59) return false;
        var offset = (t[21] == '-' ? -1 : 1) * (oh * 60 + om);
        return TryMake(century * 100 + yy, month, day, hour, minute, second, 0, offset, out value);
    }
}
