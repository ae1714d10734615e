using System.CommandLine;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using SiemActors.Node.Security;

namespace SiemActors.Node.Cli;

/// <summary>
/// <c>siem apikey --name NAME --scope ingest --scope read</c>: makes a random key, prints it once, and prints the
/// configuration lines holding only its SHA-256, so the key itself never has to be stored by the node.
/// </summary>
public static partial class ApiKeyCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Key name (letters, digits, - and _); shows in logs and rate-limit partitions", DefaultValueFactory = _ => "default" };
        var scopes = new Option<string[]>("--scope")
        {
            Description = $"Scope(s): {string.Join(", ", Scopes.All)} (repeat the option)",
            DefaultValueFactory = _ => [Scopes.Ingest, Scopes.Read],
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("apikey", "Generate an API key: prints the key once and the configuration lines with its hash") { name, scopes };
        command.SetAction(parse => Run(parse.GetValue(name)!, parse.GetValue(scopes)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string name, IReadOnlyList<string> scopes, TextWriter stdout, TextWriter stderr)
    {
        if (!KeyName().IsMatch(name))
        {
            stderr.WriteLine($"invalid --name '{name}': 1 to 64 letters, digits, '-' or '_'");
            return 2;
        }
        var flat = scopes.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        var unknown = flat.Where(s => !Scopes.IsKnown(s)).ToList();
        if (unknown.Count > 0 || flat.Count == 0)
        {
            stderr.WriteLine($"invalid --scope {string.Join(", ", unknown)}: expected one or more of {string.Join(", ", Scopes.All)}");
            return 2;
        }

        var key = NewKey();
        var hash = ApiKeyStore.HashHex(key);
        stdout.WriteLine("API key (shown once; store it in your secret manager, the node keeps only its hash):");
        stdout.WriteLine();
        stdout.WriteLine($"  {key}");
        stdout.WriteLine();
        stdout.WriteLine("Environment:");
        stdout.WriteLine($"  Siem__Auth__ApiKeys__{name}__Hash={hash}");
        for (var i = 0; i < flat.Count; i++) stdout.WriteLine($"  Siem__Auth__ApiKeys__{name}__Scopes__{i}={flat[i]}");
        stdout.WriteLine();
        stdout.WriteLine("or appsettings.json (under \"Siem\"):");
        stdout.WriteLine($"  \"Auth\": {{ \"ApiKeys\": {{ \"{name}\": {{ \"Hash\": \"{hash}\", \"Scopes\": [{string.Join(", ", flat.Select(s => $"\"{s}\""))}] }} }} }}");
        stdout.WriteLine();
        stdout.WriteLine("Send it as `X-Api-Key: KEY` or `Authorization: ApiKey KEY`.");
        return 0;
    }

    /// <summary>256 random bits, URL-safe, with a prefix that secret scanners and humans recognise.</summary>
    public static string NewKey() => "siem_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex KeyName();
}
