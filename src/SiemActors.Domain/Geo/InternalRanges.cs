using System.Net;
using System.Net.Sockets;

namespace SiemActors.Domain.Geo;

/// <summary>
/// Addresses that no country database places: private (RFC 1918, fc00::/7), loopback, link-local, CGNAT
/// (100.64/10) and unspecified. They are "internal", which is not the same as "unknown": a login from
/// the office LAN is not a login from an unknown country.
/// </summary>
public static class InternalRanges
{
    /// <summary><see cref="GeoResult.Internal"/> for internal addresses, <see cref="GeoResult.Unknown"/> for unparsable text, null for public addresses.</summary>
    public static GeoResult? Classify(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address)) return GeoResult.Unknown;
        return IsInternal(address) ? GeoResult.Internal : null;
    }

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] == 10 || b[0] == 0
                || (b[0] == 172 && (b[1] & 0xF0) == 16)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && (b[1] & 0xC0) == 64);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal) return true;
        }
        return false;
    }
}
