using System.Net;

namespace SiemActors.Node.Security;

/// <summary>
/// The secure default: a node with no API key and no JWT configured serves anyone who can reach it, so it may only
/// listen on loopback. Asked to listen further without credentials it refuses to start and names the settings that fix it.
/// </summary>
public static class ExposureGuard
{
    public const string OptOutKey = "Siem:Auth:AllowAnonymousNonLoopback";

    /// <summary>The HTTP addresses the host will listen on, as configured (none: the loopback default).</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = new List<string>();
        foreach (var key in new[] { "urls", "ASPNETCORE_URLS" })
            if (configuration[key] is { Length: > 0 } value) urls.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // Ports alone (ASPNETCORE_HTTP_PORTS) bind every interface.
        foreach (var key in new[] { "http_ports", "https_ports", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
            if (configuration[key] is { Length: > 0 } ports) urls.AddRange(ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p.Trim()}"));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
            if (endpoint["Url"] is { Length: > 0 } url) urls.Add(url);
        return urls;
    }

    /// <returns>The addresses among <paramref name="urls"/> that are not loopback.</returns>
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> urls) => urls.Where(u => !IsLoopback(u)).ToList();

    public static bool IsLoopback(string url)
    {
        var host = HostOf(url);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Throws (after writing the reason to stderr, before any logger exists) when the node would be open to a network.</summary>
    public static void Check(IConfiguration configuration, AuthOptions auth)
    {
        if (auth.Enabled) return;
        var exposed = NonLoopback(ConfiguredUrls(configuration));
        if (exposed.Count == 0 || auth.AllowAnonymousNonLoopback) return;
        var message =
            $"Refusing to start: the HTTP API would listen on {string.Join(", ", exposed)} with no credential configured, so anyone on the network "
            + "could send logs and read alerts. Configure an API key (run `siem apikey` and set Siem:Auth:ApiKeys:<name>:Hash and :Scopes) "
            + "or a JWT signing key (Siem:Auth:Jwt:SigningKey), or listen on 127.0.0.1 only. "
            + $"To serve anonymously anyway on a network you trust (UNSAFE), set {OptOutKey}=true.";
        Console.Error.WriteLine(message);
        throw new InsecureExposureException(message);
    }

    private static string HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        var slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            return close < 0 ? rest : rest[1..close];
        }
        var colon = rest.LastIndexOf(':');
        return colon < 0 ? rest : rest[..colon];
    }
}

/// <summary>The node was asked to listen beyond loopback without any credential configured.</summary>
public sealed class InsecureExposureException(string message) : InvalidOperationException(message);
