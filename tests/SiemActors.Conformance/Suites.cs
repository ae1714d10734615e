using System.Globalization;
using System.Net;
using System.Text.Json;
using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;

namespace SiemActors.Conformance;

/// <summary>Each suite reads its vectors, parses every line, and maps the source's field names onto ours.</summary>
internal static class Suites
{
    /// <summary>Floors recorded from the last run (docs/PARSERS.md); a regression below any of them fails the run.</summary>
    public static readonly IReadOnlyDictionary<string, double> DefaultFloors = new Dictionary<string, double>
    {
        ["go-syslog:verdicts"] = 100,
        ["go-syslog:fields"] = 99,
        ["vrl:verdicts"] = 91,
        ["vrl:fields"] = 99,
        ["logstash:verdicts"] = 96,
        ["logstash:fields"] = 99,
        ["loghub-OpenSSH:verdicts"] = 100,
        ["loghub-OpenSSH:fields"] = 100,
        ["loghub-Linux:verdicts"] = 100,
        ["loghub-Linux:fields"] = 100,
    };

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static IEnumerable<(string Line, JsonElement Root)> Read(string path)
    {
        foreach (var text in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement.Clone();
            // A few vrl cases feed a non-string value; they test vrl's type checks, not parsing.
            var line = root.GetProperty("line");
            yield return (line.ValueKind == JsonValueKind.String ? line.GetString()! : "\u0000non-string", root);
        }
    }

    // ---------------------------------------------------------------- go-syslog

    public static Tally GoSyslog(string data)
    {
        var t = new Tally("go-syslog");
        foreach (var file in new[] { "rfc3164.jsonl", "rfc5424.jsonl" })
        {
            foreach (var (line, root) in Read(Path.Combine(data, "parser-vectors", "go-syslog", file)))
            {
                var exp = root.GetProperty("expected");
                var valid = exp.GetProperty("valid").GetBoolean();
                var outcome = LineParsers.Parse(SourceKind.Syslog, line, Now);
                t.Verdict(outcome.Success == valid, line, valid ? $"should parse ({outcome.Error})" : "should be rejected");
                if (!valid || outcome.Event is not { } ev || !exp.TryGetProperty("message", out var m)) continue;
                foreach (var p in m.EnumerateObject())
                {
                    switch (p.Name)
                    {
                        case "Priority": t.Field(p.Name, p.Value.GetInt32(), ev.SyslogPriority, line); break;
                        case "Facility": t.Field(p.Name, p.Value.GetInt32(), ev.SyslogFacility, line); break;
                        case "Severity": t.Field(p.Name, p.Value.GetInt32(), ev.SyslogSeverity, line); break;
                        case "Hostname": t.Field(p.Name, p.Value.GetString(), ev.HostName, line); break;
                        case "Appname": t.Field(p.Name, p.Value.GetString(), ev.ProcessName, line); break;
                        case "MsgID": t.Field(p.Name, p.Value.GetString(), ev.SyslogMsgId, line); break;
                        case "ProcID":
                            if (int.TryParse(p.Value.GetString(), out var pid)) t.Field(p.Name, pid, ev.ProcessPid, line);
                            else t.NotMapped();
                            break;
                        case "Message" when p.Value.ValueKind == JsonValueKind.String:
                            t.Field(p.Name, p.Value.GetString()!.TrimStart('\uFEFF').Trim(), ev.Message, line);
                            break;
                        case "Timestamp":
                            CompareTime(t, p.Value.GetString()!, ev.Timestamp, line);
                            break;
                        case "StructuredData":
                            foreach (var id in p.Value.EnumerateObject()) t.Field("SD[" + id.Name + "]", true, ev.SyslogStructuredData?.Contains("[" + id.Name, StringComparison.Ordinal) == true, line);
                            break;
                        default: t.NotMapped(); break; // Version, binary messages
                    }
                }
            }
        }
        return t;
    }

    /// <summary>Year-less stamps compare month, day and time; full stamps compare the instant.</summary>
    private static void CompareTime(Tally t, string expected, DateTimeOffset actual, string line)
    {
        var e = expected.Replace("CURRENT_YEAR", Now.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (e.Length > 3 && char.IsLetter(e[0]) && char.IsLetter(e[1]) && e[3] == ' ' && !char.IsLetter(e[4]))
        {
            var parts = e.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var clock = parts[^1];
            var ours = actual.ToString("MMM d ", CultureInfo.InvariantCulture) + actual.ToString(clock.Contains('.') ? "HH:mm:ss.fff" : "HH:mm:ss", CultureInfo.InvariantCulture);
            t.Field("timestamp", $"{parts[0]} {int.Parse(parts[1], CultureInfo.InvariantCulture)} {clock}", ours, line);
            return;
        }
        if (e.Length > 3 && char.IsLetter(e[0]) && e[3] == ' ' && char.IsLetter(e[4]))
        {
            // ctime with a year: "Mon Aug 31 09:30:48.958285 2015"
            var formats = new[] { "ddd MMM dd HH:mm:ss.ffffff yyyy", "ddd MMM dd HH:mm:ss yyyy" };
            if (DateTime.TryParseExact(e, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                t.Field("timestamp", local.ToString("O", CultureInfo.InvariantCulture), actual.DateTime.ToString("O", CultureInfo.InvariantCulture), line);
                return;
            }
        }
        if (DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exp))
        {
            t.Field("timestamp", exp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), actual.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), line);
            return;
        }
        t.NotMapped(); // leap seconds: .NET cannot hold 23:59:60
    }

    // ---------------------------------------------------------------- vrl

    public static Tally Vrl(string data)
    {
        var t = new Tally("vrl");
        foreach (var (line, root) in Read(Path.Combine(data, "parser-vectors", "vrl", "vrl_parse_tests.jsonl")))
        {
            var suite = root.GetProperty("suite").GetString()!.Split('#')[0];
            if (line == "\u0000non-string") suite = "non-string";
            var args = root.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
            var format = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("format", out var f) ? f.GetString() : null;
            var customTime = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("timestamp_format", out _);
            SourceKind? kind = suite switch
            {
                "vrl/parse_syslog" => SourceKind.Syslog,
                "vrl/parse_linux_authorization" => SourceKind.Sshd,
                "vrl/parse_apache_log" or "vrl/parse_common_log" when !customTime => SourceKind.Apache,
                "vrl/parse_nginx_log" when format is "combined" or "main" or "error" or null => SourceKind.Nginx,
                _ => null,
            };
            if (kind is null)
            {
                t.NotClaimed++;
                continue;
            }
            var exp = root.GetProperty("expected");
            var ok = exp.GetProperty("ok").GetBoolean();
            var outcome = LineParsers.Parse(kind.Value, line, Now);
            t.Verdict(outcome.Success == ok, line, ok ? $"should parse ({outcome.Error})" : "should be rejected");
            if (!ok || outcome.Event is not { } ev || !exp.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object) continue;
            foreach (var p in value.EnumerateObject()) VrlField(t, p, ev, line);
        }
        return t;
    }

    private static void VrlField(Tally t, JsonProperty p, LogEvent ev, string line)
    {
        var v = p.Value;
        string? S() => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        switch (p.Name)
        {
            case "timestamp":
                CompareTime(t, v.ValueKind == JsonValueKind.Object ? v.GetProperty("$timestamp").GetString()! : v.GetString()!, ev.Timestamp, line);
                break;
            case "severity" when ev.Source is SourceKind.Nginx or SourceKind.Apache: t.NotMapped(); break; // log level, not a syslog severity
            case "severity": t.Field(p.Name, S(), SeverityName(ev.SyslogSeverity), line); break;
            case "facility": t.Field(p.Name, S(), FacilityName(ev.SyslogFacility), line); break;
            case "hostname": t.Field(p.Name, S(), ev.HostName, line); break;
            case "appname": t.Field(p.Name, S(), ev.ProcessName, line); break;
            case "procid" or "pid": t.Field(p.Name, S(), ev.ProcessPid?.ToString(CultureInfo.InvariantCulture), line); break;
            case "msgid": t.Field(p.Name, S(), ev.SyslogMsgId, line); break;
            case "message" when ev.Source is SourceKind.Apache && ev.Action == "http_request":
            case "request":
                t.Field(p.Name, S(), RequestLine(ev), line);
                break;
            case "message": t.Field(p.Name, S(), ev.Message, line); break;
            case "host" when ev.Action == "http_request":
            case "client" or "remote_addr":
                t.Field(p.Name, S(), ev.SourceIp, line);
                break;
            case "port": t.Field(p.Name, S(), ev.SourcePort?.ToString(CultureInfo.InvariantCulture), line); break;
            case "user" or "remote_user": t.Field(p.Name, S(), ev.UserName, line); break;
            case "method": t.Field(p.Name, S(), ev.HttpMethod, line); break;
            case "path": t.Field(p.Name, S(), ev.UrlOriginal, line); break;
            case "protocol": t.Field(p.Name, S(), ev.HttpVersion is null ? null : "HTTP/" + ev.HttpVersion, line); break;
            case "status": t.Field(p.Name, S(), ev.HttpStatus?.ToString(CultureInfo.InvariantCulture), line); break;
            case "size" or "body_bytes_size": t.Field(p.Name, S(), ev.HttpBytes?.ToString(CultureInfo.InvariantCulture), line); break;
            case "referrer" or "referer" or "http_referer": t.Field(p.Name, S(), ev.HttpReferrer, line); break;
            case "agent" or "http_user_agent": t.Field(p.Name, S(), ev.UserAgent, line); break;
            default:
                if (v.ValueKind == JsonValueKind.Object && ev.Source is SourceKind.Syslog or SourceKind.Sshd)
                {
                    t.Field("SD[" + p.Name + "]", true, ev.SyslogStructuredData?.Contains("[" + p.Name, StringComparison.Ordinal) == true, line);
                }
                else
                {
                    t.NotMapped(); // version, identity, module, thread, cid, server, compression, ...
                }
                break;
        }
    }

    private static string? RequestLine(LogEvent ev) =>
        ev.HttpMethod is null ? ev.UrlOriginal
        : ev.HttpVersion is null ? $"{ev.HttpMethod} {ev.UrlOriginal}"
        : $"{ev.HttpMethod} {ev.UrlOriginal} HTTP/{ev.HttpVersion}";

    private static string? SeverityName(int? s) => s switch
    {
        0 => "emerg", 1 => "alert", 2 => "crit", 3 => "err", 4 => "warning", 5 => "notice", 6 => "info", 7 => "debug", _ => null,
    };

    private static string? FacilityName(int? f) => f switch
    {
        0 => "kern", 1 => "user", 2 => "mail", 3 => "daemon", 4 => "auth", 5 => "syslog", 6 => "lpr", 7 => "news", 8 => "uucp", 9 => "cron",
        10 => "authpriv", 11 => "ftp", 12 => "ntp", 13 => "security", 14 => "console", 15 => "solaris-cron",
        >= 16 and <= 23 => "local" + (f - 16).ToString(), _ => null,
    };

    // ---------------------------------------------------------------- logstash-patterns-core

    private static readonly Dictionary<string, SourceKind> LogstashPatterns = new()
    {
        ["SYSLOGLINE"] = SourceKind.Syslog,
        ["SYSLOG5424LINE"] = SourceKind.Syslog,
        ["SYSLOGPAMSESSION"] = SourceKind.Syslog,
        ["CRONLOG"] = SourceKind.Syslog,
        ["HTTPD_COMBINEDLOG"] = SourceKind.Apache,
        ["HTTPD_COMMONLOG"] = SourceKind.Apache,
        ["COMBINEDAPACHELOG"] = SourceKind.Apache,
        ["COMMONAPACHELOG"] = SourceKind.Apache,
        ["HTTPD_ERRORLOG"] = SourceKind.Apache,
        ["HTTPD20_ERRORLOG"] = SourceKind.Apache,
        ["HTTPD24_ERRORLOG"] = SourceKind.Apache,
    };

    public static Tally Logstash(string data)
    {
        var t = new Tally("logstash");
        foreach (var (line, root) in Read(Path.Combine(data, "parser-vectors", "logstash-patterns-core", "logstash_patterns_syslog_httpd_core.jsonl")))
        {
            var exp = root.GetProperty("expected");
            if (!LogstashPatterns.TryGetValue(exp.GetProperty("pattern").GetString()!, out var kind))
            {
                t.NotClaimed++;
                continue;
            }
            var outcome = LineParsers.Parse(kind, line, Now);
            if (exp.TryGetProperty("must_match", out var mm) && mm.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                t.Verdict(outcome.Success == mm.GetBoolean(), line, mm.GetBoolean() ? $"should parse ({outcome.Error})" : "should be rejected");
            }
            if (outcome.Event is not { } ev) continue;
            if (exp.TryGetProperty("fields_include", out var inc))
            {
                var pattern = exp.GetProperty("pattern").GetString();
                foreach (var (key, value) in Flatten(inc, ""))
                {
                    // CRONLOG overwrites "message" with the cron command; a plain-string "message" is the whole line.
                    if (key == "message" && pattern == "CRONLOG") t.NotMapped();
                    else if (key == "message" && value.ValueKind == JsonValueKind.String) t.Field("message", value.GetString(), ev.Original, line);
                    else LogstashField(t, key, value, ev, line);
                }
            }
            if (exp.TryGetProperty("fields_absent", out var abs))
            {
                foreach (var name in abs.EnumerateArray())
                {
                    var key = name.GetString()!;
                    if (LogstashGetter(key, ev, out var actual)) t.Field("absent " + key, null, actual, line);
                    else t.NotMapped();
                }
            }
        }
        return t;
    }

    private static IEnumerable<(string, JsonElement)> Flatten(JsonElement obj, string prefix)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name == "__partial__") continue;
            var key = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var inner in Flatten(p.Value, key)) yield return inner;
            }
            else
            {
                yield return (key, p.Value);
            }
        }
    }

    private static void LogstashField(Tally t, string key, JsonElement value, LogEvent ev, string line)
    {
        if (key is "timestamp" or "syslog5424_ts")
        {
            CompareTime(t, value.GetString()!, ev.Timestamp, line);
            return;
        }
        if (!LogstashGetter(key, ev, out var actual))
        {
            t.NotMapped();
            return;
        }
        var expected = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => value[value.GetArrayLength() - 1].GetString(), // [whole line, message]
            _ => value.GetRawText(),
        };
        if (key is "referrer" or "agent" && expected is ['"', .., '"']) expected = expected[1..^1];
        t.Field(key, expected, actual, line);
    }

    private static bool LogstashGetter(string key, LogEvent ev, out string? value)
    {
        value = key switch
        {
            "program" or "process.name" or "syslog5424_app" => ev.ProcessName,
            "pid" or "process.pid" or "syslog5424_proc" => ev.ProcessPid?.ToString(CultureInfo.InvariantCulture) ?? "(none)",
            "logsource" or "host.hostname" or "syslog5424_host" or "host" => ev.HostName,
            "username" or "user" or "auth" or "user.name" => ev.UserName,
            "clientip" or "source.address" => ev.SourceIp,
            "clientport" or "source.port" => ev.SourcePort?.ToString(CultureInfo.InvariantCulture),
            "verb" or "http.request.method" => ev.HttpMethod,
            "request" or "url.original" => ev.UrlOriginal,
            "httpversion" or "http.version" => ev.HttpVersion,
            "response" or "http.response.status_code" => ev.HttpStatus?.ToString(CultureInfo.InvariantCulture),
            "bytes" or "http.response.body.bytes" => ev.HttpBytes?.ToString(CultureInfo.InvariantCulture),
            "referrer" or "http.request.referrer" => ev.HttpReferrer,
            "agent" or "user_agent.original" => ev.UserAgent,
            "syslog5424_pri" or "log.syslog.priority" => ev.SyslogPriority?.ToString(CultureInfo.InvariantCulture),
            "syslog5424_msgid" or "event.code" => ev.SyslogMsgId,
            "syslog5424_sd" or "system.syslog.structured_data" => ev.SyslogStructuredData,
            "syslog5424_msg" or "message" => ev.Message,
            _ => "\u0000unmapped",
        };
        if (value == "\u0000unmapped") return false;
        if (value == "(none)") value = null;
        return true;
    }

    // ---------------------------------------------------------------- loghub

    public static Tally Loghub(string data, string dataset)
    {
        var t = new Tally("loghub-" + dataset);
        foreach (var (line, root) in Read(Path.Combine(data, "loghub", dataset, dataset + "_2k.groundtruth.jsonl")))
        {
            var exp = root.GetProperty("expected");
            var header = exp.GetProperty("header");
            var outcome = LineParsers.Parse(SourceKind.Auto, line, Now);
            t.Verdict(outcome.Success, line, $"should parse ({outcome.Error})");
            if (outcome.Event is not { } ev) continue;
            // OpenSSH's loghub header calls the host "Component"; Linux calls the host "Level" and the program "Component".
            var (host, program, pid) = dataset == "OpenSSH"
                ? (Str(header, "Component"), "sshd", Str(header, "Pid"))
                : (Str(header, "Level"), Str(header, "Component"), Str(header, "PID"));
            t.Field("host", host, ev.HostName, line);
            t.Field("program", program, ev.ProcessName, line);
            t.Field("pid", pid, ev.ProcessPid?.ToString(CultureInfo.InvariantCulture), line);
            var template = exp.GetProperty("template").GetString()!;
            var parts = template.Split("<*>");
            var values = exp.GetProperty("params_derived").EnumerateArray().Select(x => x.GetString()!).ToArray();
            for (var k = 0; k < values.Length && k + 1 < parts.Length; k++)
            {
                var before = parts[k];
                var after = parts[k + 1];
                if (IsAddress(values[k])) t.Field("source.ip", values[k], ev.SourceIp, line);
                else if (before.EndsWith("user ", StringComparison.Ordinal) || before.EndsWith(" user=", StringComparison.Ordinal)
                         || before.EndsWith("failures for ", StringComparison.Ordinal)
                         || (before.EndsWith(" for ", StringComparison.Ordinal) && after.StartsWith(" from ", StringComparison.Ordinal)))
                {
                    t.Field("user.name", values[k], ev.UserName, line);
                }
            }
        }
        return t;
    }

    private static string? Str(JsonElement obj, string name) => obj.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static bool IsAddress(string s) => (s.Count(c => c == '.') == 3 || s.Contains(':')) && IPAddress.TryParse(s, out _);
}
