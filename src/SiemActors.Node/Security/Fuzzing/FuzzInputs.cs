using System.Text;

namespace SiemActors.Node.Security.Fuzzing;

/// <summary>
/// Generates hostile requests for every ingress and parser, reproducibly from a seed: random bytes, mutated real log
/// lines (bit flips, NUL, invalid UTF-8, CRLF injected into fields that reach Slack and logs), huge fields, deep JSON,
/// type confusion, hostile query strings and entity keys, and wrong or missing credentials.
/// </summary>
public sealed class FuzzInputs(int seed, string? apiKey, string? readOnlyKey)
{
    private readonly Random _random = new(seed);

    /// <summary>Real lines of every source, the seeds that mutations start from.</summary>
    public static readonly string[] RealLines =
    [
        "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2",
        "Jan 13 03:45:13 server sshd[1234]: Accepted publickey for alice from 10.0.0.5 port 50022 ssh2",
        "Jan 13 03:45:14 server sshd[99]: Invalid user oracle from 203.0.113.9 port 4242",
        "Jan 13 03:46:00 server sudo:   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls",
        "<34>1 2024-01-13T03:45:12.003Z host app 1234 ID47 [exampleSDID@32473 iut=\"3\"] message here",
        "<13>Jan 13 03:45:12 host su[77]: pam_unix(su:auth): authentication failure; logname=bob uid=1000 euid=0 tty=pts/1 ruser=bob rhost=  user=root",
        "198.51.100.7 - - [13/Jan/2024:03:45:12 +0000] \"GET /admin/login.php?id=1 HTTP/1.1\" 404 512 \"-\" \"sqlmap/1.7\"",
        "198.51.100.8 - bob [13/Jan/2024:03:45:12 +0000] \"POST /api/login HTTP/1.1\" 401 87 \"https://example.com/\" \"Mozilla/5.0\" 0.004",
        "{\"timestamp\":\"2024-01-13T03:45:12Z\",\"src_ip\":\"192.0.2.1\",\"user\":\"carol\",\"action\":\"login\",\"outcome\":\"failure\"}",
        "{\"@timestamp\":\"2024-01-13T03:45:12Z\",\"source\":{\"ip\":\"2001:db8::1\"},\"user\":{\"name\":\"dave\"},\"message\":\"x\"}",
    ];

    private static readonly string[] Sources = ["auto", "syslog", "sshd", "nginx", "apache", "json"];
    private static readonly string[] ContentTypes =
        ["application/json", "application/x-ndjson", "text/plain", "text/plain; charset=utf-16", "application/xml", "multipart/form-data", "", "application/json; charset=latin1"];
    private static readonly string[] Injections =
        ["\r\n", "\n", "\r", "\0", "\u001b[31m", "\r\nX-Injected: 1\r\n", "\n{\"level\":\"critical\",\"fake\":true}\n", "<!channel> *bold* `code`", "\u2028", "\ufeff", "%0d%0a", "${jndi:ldap://x/a}", "'; DROP TABLE alerts;--"];

    public FuzzCase Next()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 14 => RandomBytes(),
            < 40 => MutatedAnalyze(),
            < 55 => MutatedBatch(),
            < 62 => DeepJson(),
            < 65 => HugeField(),
            < 75 => TypeConfusion(),
            < 83 => HostileQuery(),
            < 90 => BadCredential(),
            _ => ValidLine(),
        };
    }

    private FuzzCase RandomBytes()
    {
        var body = new byte[_random.Next(0, _random.Next(2) == 0 ? 64 : 8192)];
        _random.NextBytes(body);
        return Post("random-bytes", Pick(["/api/v1/logs/analyze", "/api/v1/logs"]), Pick(ContentTypes), body);
    }

    private FuzzCase MutatedAnalyze()
    {
        var line = Mutate(Encoding.UTF8.GetBytes(Pick(RealLines)));
        // Half as a proper JSON string (escapes survive), half spliced raw (invalid UTF-8 and NULs inside the JSON text).
        byte[] body = _random.Next(2) == 0
            ? Encoding.UTF8.GetBytes($"{{\"log_line\":{System.Text.Json.JsonSerializer.Serialize(Encoding.UTF8.GetString(line))},\"source\":\"{Pick(Sources)}\"}}")
            : [.. "{\"log_line\":\""u8, .. line, .. "\"}"u8];
        return Post("mutated-line", "/api/v1/logs/analyze", "application/json", body);
    }

    private FuzzCase MutatedBatch()
    {
        var lines = Enumerable.Range(0, _random.Next(1, 40)).Select(_ => Mutate(Encoding.UTF8.GetBytes(Pick(RealLines)))).ToList();
        var kind = _random.Next(3);
        var body = new List<byte>();
        foreach (var line in lines)
        {
            if (kind == 1) body.AddRange(Encoding.UTF8.GetBytes($"{{\"log_line\":{System.Text.Json.JsonSerializer.Serialize(Encoding.UTF8.GetString(line))}}}"));
            else body.AddRange(line);
            body.AddRange(_random.Next(4) == 0 ? "\r\n"u8.ToArray() : "\n"u8.ToArray());
        }
        var (type, path) = kind switch
        {
            0 => ("text/plain", $"/api/v1/logs?source={Pick(Sources)}"),
            1 => ("application/x-ndjson", "/api/v1/logs?verdicts=all"),
            _ => ("application/json", "/api/v1/logs?verdicts=anomalies"),
        };
        if (kind == 2) body = [.. "["u8, .. body.Where(b => b != '\n'), .. "]"u8];
        return Post("mutated-batch", path, type, [.. body]);
    }

    private FuzzCase DeepJson()
    {
        var depth = _random.Next(1, _random.Next(4) == 0 ? 100_000 : 64);
        var sb = new StringBuilder();
        var obj = _random.Next(2) == 0;
        sb.Append("{\"log_line\":\"Jan 13 03:45:12 server sshd[1]: Failed password for a from 1.2.3.4 port 1 ssh2\",\"metadata\":");
        for (var i = 0; i < depth; i++) sb.Append(obj ? "{\"a\":" : "[");
        sb.Append("1");
        for (var i = 0; i < depth; i++) sb.Append(obj ? '}' : ']');
        sb.Append('}');
        return Post("deep-json", Pick(["/api/v1/logs/analyze", "/api/v1/logs"]), Pick(["application/json", "application/x-ndjson"]), Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private FuzzCase HugeField()
    {
        var size = Pick([64 * 1024 - 10, 64 * 1024 + 1, 200_000, 1024 * 1024 + 1, 2 * 1024 * 1024 + 1, 3_000_000]);
        var field = new string(Pick(['A', 'é', '\0', '\n', '"']), size / 2);
        var body = _random.Next(3) switch
        {
            0 => $"{{\"log_line\":{System.Text.Json.JsonSerializer.Serialize($"Jan 13 03:45:12 server sshd[1]: Failed password for {field} from 1.2.3.4 port 22 ssh2")}}}",
            1 => string.Join('\n', Enumerable.Repeat("x", _random.Next(9_990, 10_020))),
            _ => field,
        };
        return Post("huge-field", Pick(["/api/v1/logs/analyze", "/api/v1/logs"]), Pick(["application/json", "text/plain"]), Encoding.UTF8.GetBytes(body));
    }

    private FuzzCase TypeConfusion()
    {
        string[] bodies =
        [
            "{\"log_line\":null}", "{\"log_line\":[\"a\"]}", "{\"log_line\":{\"x\":1}}", "{\"log_line\":1e999}", "{\"log_line\":\"\"}",
            "{\"log_line\":\"   \"}", "{\"log_line\":\"x\",\"source\":42}", "{\"log_line\":\"x\",\"source\":\"\\u0000\"}", "{\"log_line\":\"x\",\"metadata\":[1]}",
            "{\"log_line\":\"a\",\"log_line\":\"b\"}", "null", "true", "\"just a string\"", "[]", "[[]]", "{}", "{\"log_line\":\"\\ud800\"}",
            "{\"log_line\":\"x\"} trailing", "\ufeff{\"log_line\":\"Jan 13 03:45:12 server sshd[1]: x\"}", "{\"log_line\":\"x\",}",
        ];
        return Post("type-confusion", Pick(["/api/v1/logs/analyze", "/api/v1/logs"]), Pick(["application/json", "application/x-ndjson"]), Encoding.UTF8.GetBytes(Pick(bodies)));
    }

    private FuzzCase HostileQuery()
    {
        var junk = Uri.EscapeDataString(Encoding.UTF8.GetString(Mutate("admin\r\n<script>"u8.ToArray())));
        string[] paths =
        [
            $"/api/v1/alerts?since={junk}", "/api/v1/alerts?limit=-1", "/api/v1/alerts?limit=99999999999", "/api/v1/alerts?min_risk=NaN",
            "/api/v1/alerts?since=9999-12-31T23:59:59Z&min_risk=-1e308", $"/api/v1/alerts?entity={junk}",
            $"/api/v1/entities/ip/{junk}", $"/api/v1/entities/user/{junk}", $"/api/v1/entities/{junk}/x",
            $"/api/v1/entities/ip/{new string('9', 600)}", "/api/v1/entities/ip/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/v1/cluster",
            $"/api/v1/logs?source={junk}", $"/api/v1/logs?verdicts={junk}", "/api/v1/nothing-here",
        ];
        var path = Pick(paths);
        return path.Contains("/logs")
            ? Post("hostile-query", path, "text/plain", Encoding.UTF8.GetBytes(Pick(RealLines)))
            : new FuzzCase("hostile-query", _random.Next(5) == 0 ? HttpMethod.Delete : HttpMethod.Get, path, null, null, apiKey);
    }

    private FuzzCase BadCredential()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"log_line\":{System.Text.Json.JsonSerializer.Serialize(Pick(RealLines))}}}");
        return _random.Next(3) switch
        {
            0 => new FuzzCase("no-credential", HttpMethod.Post, "/api/v1/logs/analyze", "application/json", body, null, OmitKey: true),
            1 => new FuzzCase("wrong-credential", HttpMethod.Post, "/api/v1/logs/analyze", "application/json", body,
                "siem_" + Convert.ToBase64String(Bytes(32)).Replace('+', '-').Replace('/', '_')),
            _ => new FuzzCase("wrong-scope", HttpMethod.Post, "/api/v1/logs/analyze", "application/json", body, readOnlyKey ?? "siem_not-a-key"),
        };
    }

    private FuzzCase ValidLine() =>
        Post("valid", "/api/v1/logs/analyze", "application/json", Encoding.UTF8.GetBytes($"{{\"log_line\":{System.Text.Json.JsonSerializer.Serialize(Pick(RealLines))}}}"));

    /// <summary>1 to 4 edits: bit flips, NULs, invalid UTF-8, injected CR/LF and markup, repeats, cuts.</summary>
    public byte[] Mutate(byte[] line)
    {
        var bytes = new List<byte>(line);
        for (var n = _random.Next(1, 5); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(8))
            {
                case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << _random.Next(8)); break;
                case 1: bytes.Insert(at, 0); break;
                case 2: bytes.InsertRange(at, Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0xC0, 0xAF], [0xE2, 0x82]])); break;
                case 3: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Injections))); break;
                case 4 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(bytes.Count - at, _random.Next(1, 20))); break;
                case 5 when bytes.Count > 0:
                    var chunk = bytes.GetRange(at, Math.Min(bytes.Count - at, _random.Next(1, 16)));
                    for (var r = _random.Next(1, 200); r > 0; r--) bytes.InsertRange(at, chunk);
                    break;
                case 6: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(["999999999999999999999", "-1", "::ffff:", "[", "\"", "\\", "%n%s", "255.255.255.256"]))); break;
                default: bytes.InsertRange(at, Bytes(_random.Next(1, 8))); break;
            }
        }
        return [.. bytes];
    }

    private FuzzCase Post(string family, string path, string? contentType, byte[] body) =>
        new(family, HttpMethod.Post, path, contentType, body, apiKey);

    private byte[] Bytes(int n)
    {
        var b = new byte[n];
        _random.NextBytes(b);
        return b;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
