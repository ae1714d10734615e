using System.Globalization;
using SiemActors.Conformance;

// Conformance of the parsers against other projects' test vectors and loghub ground truth.
// Usage: dotnet run --project tests/SiemActors.Conformance -- [DATA_DIR] [--floor NAME=PERCENT]... [--verbose]
// DATA_DIR defaults to ../shared/data relative to the repository root. Exit code 1 when a figure is under its floor,
// 2 when the data is missing.

var verbose = args.Contains("--verbose");
var dataDir = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('=')).FirstOrDefault() ?? DefaultDataDir();
var floors = new Dictionary<string, double>(Suites.DefaultFloors, StringComparer.OrdinalIgnoreCase);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--floor" && i + 1 < args.Length && args[i + 1].Split('=') is [var name, var value]
        && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var floor))
    {
        floors[name] = floor;
    }
}
if (!Directory.Exists(dataDir))
{
    Console.Error.WriteLine($"data directory not found: {dataDir}");
    return 2;
}

var tallies = new List<Tally>
{
    Suites.GoSyslog(dataDir),
    Suites.Vrl(dataDir),
    Suites.Logstash(dataDir),
    Suites.Loghub(dataDir, "OpenSSH"),
    Suites.Loghub(dataDir, "Linux"),
};

Console.WriteLine($"{"suite",-22} {"cases",6} {"verdicts",14} {"fields",16} {"unmapped",9} {"not claimed",12}");
var failed = false;
foreach (var t in tallies)
{
    Console.WriteLine($"{t.Suite,-22} {t.Cases,6} {t.VerdictsAgreed,6}/{t.Cases,-4} {t.VerdictPercent,6:0.0}% {t.FieldsAgreed,5}/{t.Fields,-5} {t.FieldPercent,6:0.0}% {t.Unmapped,9} {t.NotClaimed,12}");
    foreach (var (kind, value) in new[] { ("verdicts", t.VerdictPercent), ("fields", t.FieldPercent) })
    {
        if (floors.TryGetValue($"{t.Suite}:{kind}", out var floor) && value + 1e-9 < floor)
        {
            Console.WriteLine($"  BELOW FLOOR: {t.Suite}:{kind} {value:0.00}% < {floor:0.00}%");
            failed = true;
        }
    }
    if (verbose || failed)
    {
        foreach (var miss in t.Misses.Take(verbose ? 1000 : 10)) Console.WriteLine("    " + miss);
    }
}
return failed ? 1 : 0;

static string DefaultDataDir()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SiemActors.sln"))) dir = dir.Parent;
    var root = dir?.FullName ?? Directory.GetCurrentDirectory();
    return Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
}
