using System.Net;

namespace SiemActors.Actors.Alerting;

/// <summary>
/// The allow-lists of <c>Siem:Alerts:Suppress</c>, parsed once: which alert candidates are known-good traffic
/// (a scanner the team runs, a monitoring network, a service account) and must not page anyone. Pure: no actors, no I/O.
/// </summary>
public sealed class SuppressionPolicy
{
    public const string IpRule = "ip", NetworkRule = "network", UserRule = "user";

    public static readonly SuppressionPolicy None = new([], [], []);

    private readonly HashSet<IPAddress> _ips;
    private readonly IPNetwork[] _networks;
    private readonly HashSet<string> _users;

    private SuppressionPolicy(IEnumerable<IPAddress> ips, IEnumerable<IPNetwork> networks, IEnumerable<string> users)
    {
        _ips = [.. ips.Select(Normalise)];
        _networks = [.. networks];
        _users = new HashSet<string>(users, StringComparer.Ordinal);
    }

    public bool IsEmpty => _ips.Count == 0 && _networks.Length == 0 && _users.Count == 0;

    /// <summary>Parses the options; a malformed entry fails with a message naming it, so a typo cannot silently allow-list nothing.</summary>
    public static SuppressionPolicy From(SuppressionOptions? options)
    {
        if (options is null) return None;
        var ips = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        foreach (var raw in options.Ips.Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            // A CIDR among the IPs is what the operator meant; take it rather than fail.
            if (raw.Contains('/')) networks.Add(ParseNetwork(raw, "Ips"));
            else if (IPAddress.TryParse(raw, out var ip)) ips.Add(ip);
            else throw new ArgumentException($"Siem:Alerts:Suppress:Ips has '{raw}', which is not an IP address");
        }
        networks.AddRange(options.Networks.Select(s => s.Trim()).Where(s => s.Length > 0).Select(s => ParseNetwork(s, "Networks")));
        var users = options.Users.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim());
        return new SuppressionPolicy(ips, networks, users);
    }

    /// <summary>The rule (<see cref="IpRule"/>, <see cref="NetworkRule"/>, <see cref="UserRule"/>) that suppresses <paramref name="candidate"/>, or null.</summary>
    public string? Match(AlertCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var user = candidate.EntityType == "user" ? candidate.EntityKey : candidate.UserName;
        return Match(candidate.EntityType == "ip" ? candidate.EntityKey : null, user);
    }

    public string? Match(string? ip, string? user)
    {
        if (IsEmpty) return null;
        if (ip is not null && (_ips.Count > 0 || _networks.Length > 0) && IPAddress.TryParse(ip, out var address))
        {
            address = Normalise(address);
            if (_ips.Contains(address)) return IpRule;
            foreach (var network in _networks)
                if (network.Contains(address)) return NetworkRule;
        }
        return user is not null && _users.Contains(user) ? UserRule : null;
    }

    private static IPNetwork ParseNetwork(string raw, string key) =>
        IPNetwork.TryParse(raw, out var network)
            ? network
            : throw new ArgumentException($"Siem:Alerts:Suppress:{key} has '{raw}', which is not a CIDR network (e.g. 10.0.0.0/8)");

    /// <summary>An IPv4 address seen as IPv4-mapped IPv6 (<c>::ffff:10.0.0.1</c>) is the same host.</summary>
    private static IPAddress Normalise(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
