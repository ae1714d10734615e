using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;

namespace SiemActors.Benchmarks;

/// <summary>
/// The cross-node cost of one ip-entity hop: an <see cref="IpEvents"/> carrying 10 web events of one client with
/// their feature vectors, in the binary form against System.Text.Json of the same items (the form it replaced).
/// Run: dotnet run -c Release --project tests/SiemActors.Benchmarks -- --filter '*Serializer*' --job short
/// </summary>
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private ActorSystem _system = null!;
    private SerializerWithStringManifest _serializer = null!;
    private IpEvents _message = null!;
    private string _manifest = null!;
    private byte[] _binary = null!, _json = null!;
    private readonly JsonSerializerOptions _jsonOptions = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", ConfigurationFactory.ParseString("""
            akka.actor.serializers.siem = "SiemActors.Actors.Serialization.SiemMessageSerializer, SiemActors.Actors"
            akka.actor.serialization-bindings { "SiemActors.Actors.Serialization.ISiemMessage, SiemActors.Actors" = siem }
            """));
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(0, 10).Select(i => new EntityItem(i, new LogEvent
        {
            Timestamp = at.AddSeconds(i), Source = SourceKind.Nginx, Category = EventCategory.Web, Action = "http_request",
            Outcome = EventOutcome.Success, SourceIp = "203.0.113.7", HttpMethod = "GET", UrlOriginal = $"/products/{i}?page=2",
            HttpVersion = "1.1", HttpStatus = 200, HttpBytes = 5120 + i, HttpReferrer = "https://shop.example.com/",
            UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
            Original = $"203.0.113.7 - - [30/Nov/2026:09:00:0{i} +0000] \"GET /products/{i}?page=2 HTTP/1.1\" 200 {5120 + i} \"https://shop.example.com/\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\"",
        }, [.. Enumerable.Range(0, FeatureNames.Count).Select(f => f * 0.37f)])).ToList();
        _message = new IpEvents("203.0.113.7", _system.DeadLetters, VerdictDetail.None, items);
        _serializer = (SerializerWithStringManifest)_system.Serialization.FindSerializerFor(_message);
        _manifest = _serializer.Manifest(_message);
        _binary = _serializer.ToBinary(_message);
        _json = JsonSerializer.SerializeToUtf8Bytes(_message.Items, _jsonOptions);
        Console.WriteLine($"// bytes: binary {_binary.Length}, json items {_json.Length}");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark]
    public byte[] Binary_Write() => _serializer.ToBinary(_message);

    [Benchmark]
    public object Binary_Read() => _serializer.FromBinary(_binary, _manifest);

    [Benchmark(Baseline = true)]
    public byte[] Json_Write() => JsonSerializer.SerializeToUtf8Bytes(_message.Items, _jsonOptions);

    [Benchmark]
    public object? Json_Read() => JsonSerializer.Deserialize<List<EntityItem>>(_json, _jsonOptions);
}
