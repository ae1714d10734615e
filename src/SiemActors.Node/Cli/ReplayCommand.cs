using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SiemActors.Node.Cli;

/// <summary><c>siem replay</c>: sends log files to a node's batch ingress and reports what it made of them.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Log files (- for standard input)", Arity = ArgumentArity.OneOrMore };
        var url = new Option<string>("--url") { Description = "Node base URL", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var source = SourceOption.Create();
        var rate = new Option<int>("--rate") { Description = "Lines per second; 0 sends as fast as the node answers" };
        var batch = new Option<int>("--batch") { Description = "Lines per request", DefaultValueFactory = _ => 1000 };
        var command = new Command("replay", "Send logs to a node's ingress and report accepted/rejected/anomalies/alerts") { files, url, source, rate, batch };
        command.SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(url)!), Timeout = TimeSpan.FromMinutes(2) };
            var endpoint = $"/api/v1/logs?source={Uri.EscapeDataString(parse.GetValue(source)!)}";
            var size = Math.Max(1, parse.GetValue(batch));
            var linesPerSecond = parse.GetValue(rate);
            long sent = 0, accepted = 0, rejected = 0, anomalies = 0, alerts = 0;
            var clock = Stopwatch.StartNew();
            var buffer = new List<string>(size);
            foreach (var line in LineSource.Read(parse.GetValue(files)!))
            {
                buffer.Add(line);
                if (buffer.Count == size && !await Flush()) return 1;
            }
            if (buffer.Count > 0 && !await Flush()) return 1;
            Console.WriteLine($"sent {sent}, accepted {accepted}, rejected {rejected}, anomalies {anomalies}, alerts {alerts} in {clock.Elapsed.TotalSeconds:0.0} s");
            return 0;

            async Task<bool> Flush()
            {
                var content = new StringContent(string.Join('\n', buffer), Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
                using var response = await http.PostAsync(endpoint, content, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"batch at line {sent} failed: HTTP {(int)response.StatusCode}: {body}");
                    return false;
                }
                using var doc = JsonDocument.Parse(body);
                var r = doc.RootElement;
                sent += buffer.Count;
                accepted += r.GetProperty("accepted").GetInt32();
                rejected += r.GetProperty("rejected").GetArrayLength();
                anomalies += r.GetProperty("anomalies").GetInt32();
                alerts += r.GetProperty("alerts").GetInt32();
                buffer.Clear();
                if (linesPerSecond > 0)
                {
                    var due = TimeSpan.FromSeconds((double)sent / linesPerSecond) - clock.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due, ct);
                }
                return true;
            }
        });
        return command;
    }
}
