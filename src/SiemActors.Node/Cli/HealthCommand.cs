using System.CommandLine;

namespace SiemActors.Node.Cli;

/// <summary><c>siem health</c>: exit 0 when a node's health endpoint answers 2xx; for container health checks (the image has no curl).</summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Health URL", DefaultValueFactory = _ => "http://127.0.0.1:5080/healthz/live" };
        var command = new Command("health", "Check a node's health endpoint; exit code 0 when healthy") { url };
        command.SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(parse.GetValue(url), ct);
                Console.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"unhealthy: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
