using BenchmarkDotNet.Attributes;
using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;

namespace SiemActors.Benchmarks;

/// <summary>
/// The parsers over 4096 different lines instead of one repeated line, so that the per-thread string tables and the
/// branch predictor see what a real stream gives them, misses included. Figures are per line (OperationsPerInvoke).
/// Run: dotnet run -c Release --project tests/SiemActors.Benchmarks -- --filter '*Parser*' --job short
/// </summary>
[MemoryDiagnoser]
public class ParserCorpusBenchmarks
{
    private const int Lines = 4096;
    private static readonly DateTimeOffset Received = new(2024, 1, 13, 4, 0, 0, TimeSpan.Zero);
    private string[] _sshd = null!, _nginx = null!, _nginxUniqueAgents = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sshd = SampleLines.Sshd(Lines, seed: 1);
        _nginx = SampleLines.Nginx(Lines, seed: 2, uniqueAgents: false);
        _nginxUniqueAgents = SampleLines.Nginx(Lines, seed: 3, uniqueAgents: true);
    }

    /// <summary>Distinct addresses, ports, pids and times; users from a brute-force dictionary plus one-off names.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int Sshd_Many() => ParseAll(SourceKind.Sshd, _sshd);

    /// <summary>Distinct addresses and URLs; user agents from a pool of common browsers and bots, as access logs repeat them.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int Nginx_Many() => ParseAll(SourceKind.Nginx, _nginx);

    /// <summary>As <see cref="Nginx_Many"/> but every user agent differs too: no string table can help.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int Nginx_ManyUniqueAgents() => ParseAll(SourceKind.Nginx, _nginxUniqueAgents);

    private static int ParseAll(SourceKind kind, string[] lines)
    {
        var parsed = 0;
        foreach (var line in lines)
        {
            if (LineParsers.Parse(kind, line, Received).Event is not null) parsed++;
        }
        return parsed;
    }
}
