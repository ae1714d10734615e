using System.Runtime.CompilerServices;

namespace SiemActors.Domain.Parsing;

/// <summary>Span helpers shared by the parsers: numbers, addresses, tokens. None of them allocates except the <c>*String</c> ones.</summary>
internal static class Scan
{
    // Called per character from large parser methods, where the JIT stops inlining once its budget is spent.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsHex(char c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 5;

    /// <summary>A non-negative decimal of 1..9 digits and nothing else.</summary>
    public static bool TryInt(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 9) return false;
        foreach (var c in s)
        {
            if (!IsDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>A non-negative decimal of 1..18 digits and nothing else.</summary>
    public static bool TryLong(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18) return false;
        foreach (var c in s)
        {
            if (!IsDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>Exactly <paramref name="count"/> digits at <paramref name="at"/>, or -1.</summary>
    public static int Digits(ReadOnlySpan<char> s, int at, int count)
    {
        if (at < 0 || at + count > s.Length) return -1;
        var v = 0;
        for (var i = at; i < at + count; i++)
        {
            if (!IsDigit(s[i])) return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    }

    /// <summary>English month abbreviation (case-insensitive) to 1..12, or 0.</summary>
    public static int Month(ReadOnlySpan<char> s)
    {
        if (s.Length < 3) return 0;
        int a = s[0] | 0x20, b = s[1] | 0x20, c = s[2] | 0x20;
        return (a, b, c) switch
        {
            ('j', 'a', 'n') => 1,
            ('f', 'e', 'b') => 2,
            ('m', 'a', 'r') => 3,
            ('a', 'p', 'r') => 4,
            ('m', 'a', 'y') => 5,
            ('j', 'u', 'n') => 6,
            ('j', 'u', 'l') => 7,
            ('a', 'u', 'g') => 8,
            ('s', 'e', 'p') => 9,
            ('o', 'c', 't') => 10,
            ('n', 'o', 'v') => 11,
            ('d', 'e', 'c') => 12,
            _ => 0,
        };
    }

    /// <summary>Dotted quad: four decimal parts of 1..3 digits, each at most 255.</summary>
    public static bool IsIPv4(ReadOnlySpan<char> s)
    {
        if ((uint)(s.Length - 7) > 8) return false;
        int parts = 0, digits = 0, v = 0;
        foreach (var c in s)
        {
            if (IsDigit(c))
            {
                v = v * 10 + (c - '0');
                if (++digits > 3 || v > 255) return false;
            }
            else if (c == '.' && digits > 0 && ++parts < 4)
            {
                digits = 0;
                v = 0;
            }
            else
            {
                return false;
            }
        }
        return parts == 3 && digits > 0;
    }

    /// <summary>RFC 4291 text form, with optional embedded IPv4 tail and %zone.</summary>
    public static bool IsIPv6(ReadOnlySpan<char> s)
    {
        var pct = s.IndexOf('%');
        if (pct >= 0)
        {
            if (pct == s.Length - 1) return false;
            s = s[..pct];
        }
        if (s.Length < 2 || s.Length > 45) return false;
        int groups = 0, i = 0;
        var compressed = false;
        if (s[0] == ':')
        {
            if (s[1] != ':') return false;
            compressed = true;
            i = 2;
            if (i == s.Length) return true;
        }
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && IsHex(s[i])) i++;
            if (i < s.Length && s[i] == '.')
            {
                if (!IsIPv4(s[start..])) return false;
                groups += 2;
                break;
            }
            if (i == start || i - start > 4) return false;
            groups++;
            if (i == s.Length) break;
            if (s[i] != ':') return false;
            i++;
            if (i == s.Length) return false;
            if (s[i] == ':')
            {
                if (compressed) return false;
                compressed = true;
                i++;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /// <summary>IPv4 is tried first: it fails at the first ':' and spares almost every address a search for one.</summary>
    public static bool IsIp(ReadOnlySpan<char> s) =>
        IsIPv4(s) || (s.Contains(':') && IsIPv6(s));

    /// <summary>The address as a string, with IPv4-mapped IPv6 (<c>::ffff:1.2.3.4</c>) reduced to IPv4 and brackets dropped.</summary>
    public static string IpString(ReadOnlySpan<char> s)
    {
        if (s.Length > 2 && s[0] == '[' && s[^1] == ']') s = s[1..^1];
        // s[0] first: almost every address is plain IPv4 and needs no case-insensitive compare.
        if (s.Length > 7 && s[0] == ':' && s.StartsWith("::ffff:", StringComparison.OrdinalIgnoreCase) && IsIPv4(s[7..])) s = s[7..];
        return SmallStrings.Get(s);
    }

    /// <summary>An address (optionally bracketed IPv6) as a normalised string, or null when it is not one.</summary>
    public static string? IpOrNull(ReadOnlySpan<char> s)
    {
        var bare = s.Length > 2 && s[0] == '[' && s[^1] == ']' ? s[1..^1] : s;
        return IsIp(bare) ? IpString(bare) : null;
    }

    /// <summary>A host token is an IP address or a DNS-ish name.</summary>
    public static bool IsHostToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 255) return false;
        if (IsIp(s)) return true;
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) return false;
        }
        return true;
    }

    /// <summary>Null for <c>-</c> and empty; otherwise the text.</summary>
    public static string? DashNull(ReadOnlySpan<char> s) => s.IsEmpty || s is "-" ? null : s.ToString();

    public static ReadOnlySpan<char> TrimSpaces(ReadOnlySpan<char> s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsBlank(s[a])) a++;
        while (b > a && IsBlank(s[b - 1])) b--;
        return s[a..b];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\n' or '\0';

    /// <summary>Reuses one string instance for the program names and tokens seen on almost every line; others go through <see cref="SmallStrings"/>.</summary>
    public static string Intern(ReadOnlySpan<char> s) => s switch
    {
        "sshd" => "sshd",
        "sshd-session" => "sshd-session",
        "sudo" => "sudo",
        "su" => "su",
        "nginx" => "nginx",
        "apache" => "apache",
        "apache2" => "apache2",
        "httpd" => "httpd",
        "CRON" => "CRON",
        "cron" => "cron",
        "kernel" => "kernel",
        "systemd" => "systemd",
        "systemd-logind" => "systemd-logind",
        "root" => "root",
        "GET" => "GET",
        "POST" => "POST",
        "HEAD" => "HEAD",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        "PATCH" => "PATCH",
        "HTTP/1.0" => "HTTP/1.0",
        "HTTP/1.1" => "HTTP/1.1",
        "HTTP/2.0" => "HTTP/2.0",
        "HTTP/2" => "HTTP/2",
        "-" => "-",
        _ => SmallStrings.Get(s),
    };
}
