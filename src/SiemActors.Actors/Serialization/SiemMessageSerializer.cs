using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;

namespace SiemActors.Actors.Serialization;

/// <summary>
/// Serializes every <see cref="ISiemMessage"/> (remote messages and persisted events) as System.Text.Json
/// with a short, stable manifest per type. Manifests are a contract with data already in the journal:
/// never reuse or rename one. Actor references travel as their full serialized path.
/// </summary>
public sealed class SiemMessageSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 151;

    // The binary manifests: each names its codec's format version, and FromBinary dispatches on them.
    private const string IpEventsBinary = "ip-events.b1", UserEventsBinary = "user-events.b1", EventsScoredBinary = "events-scored.b1",
        IpSnapshotBinary = "ip-entity-snapshot.b1", UserSnapshotBinary = "user-entity-snapshot.b1";

    private static readonly IReadOnlyDictionary<string, Type> TypesByManifest = new Dictionary<string, Type>
    {
        // The three per-event messages are binary (HotMessageCodec); ".b1" names that format.
        [IpEventsBinary] = typeof(IpEvents),
        [UserEventsBinary] = typeof(UserEvents),
        ["ip-profile-get"] = typeof(GetIpProfile),
        ["user-profile-get"] = typeof(GetUserProfile),
        ["ip-profile"] = typeof(IpProfile),
        ["user-profile"] = typeof(UserProfile),
        ["partition-stats-get"] = typeof(GetPartitionStats),
        ["partition-stats"] = typeof(PartitionStats),
        ["chunk-parsed"] = typeof(ChunkParsed),
        [EventsScoredBinary] = typeof(EventsScored),
        ["alert-candidate"] = typeof(AlertCandidate),
        ["alert-delivery-ended"] = typeof(AlertDeliveryEnded),
        ["incident-recorded"] = typeof(IncidentRecorded),
        ["incident-delivered"] = typeof(IncidentDelivered),
        ["alert-record"] = typeof(AlertRecord),
        // Binary since 2026-11-30 (SnapshotCodec); the JSON manifests below still read older rows.
        [IpSnapshotBinary] = typeof(IpEntitySnapshot),
        [UserSnapshotBinary] = typeof(UserEntitySnapshot),
        ["alert-resolve-ended"] = typeof(AlertResolveEnded),
        ["incident-ack"] = typeof(AcknowledgeIncident),
        ["incident-ack-result"] = typeof(IncidentAckResult),
        ["incident-acknowledged"] = typeof(IncidentAcknowledged),
        ["incident-resolved"] = typeof(IncidentResolved),
        ["alerts-suppressed"] = typeof(AlertsSuppressed),
        ["alert-resume"] = typeof(ResumeDeliveries),
        ["incident-retry"] = typeof(RetryIncident),
    };

    /// <summary>Manifests this node no longer writes but still reads (state written by earlier versions).</summary>
    private static readonly IReadOnlyDictionary<string, Type> LegacyJsonManifests = new Dictionary<string, Type>
    {
        ["ip-entity-snapshot"] = typeof(IpEntitySnapshot),
        ["user-entity-snapshot"] = typeof(UserEntitySnapshot),
    };

    private static readonly IReadOnlyDictionary<Type, string> ManifestsByType =
        TypesByManifest.ToDictionary(kv => kv.Value, kv => kv.Key);

    private readonly JsonSerializerOptions _json;

    public SiemMessageSerializer(ExtendedActorSystem system) : base(system)
    {
        _json = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Converters = { new ActorRefConverter(system), new JsonStringEnumConverter() },
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
    }

    public override int Identifier => SerializerId;


    public static IReadOnlyCollection<Type> MessageTypes => ManifestsByType.Keys.ToList();

    public override string Manifest(object o) =>
        ManifestsByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType().FullName} is an ISiemMessage without a manifest in {nameof(SiemMessageSerializer)}");

    public override byte[] ToBinary(object obj) => obj switch
    {
        IpEvents or UserEvents or EventsScored => HotMessageCodec.Write(obj),
        IpEntitySnapshot or UserEntitySnapshot => SnapshotCodec.Write(obj),
        _ => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _json),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        IpEventsBinary => HotMessageCodec.ReadIpEvents(bytes, system),
        UserEventsBinary => HotMessageCodec.ReadUserEvents(bytes, system),
        EventsScoredBinary => HotMessageCodec.ReadScored(bytes),
        IpSnapshotBinary => SnapshotCodec.ReadIp(bytes),
        UserSnapshotBinary => SnapshotCodec.ReadUser(bytes),
        _ => FromJson(bytes, manifest),
    };

    private object FromJson(byte[] bytes, string manifest) =>
        TypesByManifest.TryGetValue(manifest, out var type) || LegacyJsonManifests.TryGetValue(manifest, out type)
            ? JsonSerializer.Deserialize(bytes, type, _json) ?? throw new System.Runtime.Serialization.SerializationException($"null payload for manifest '{manifest}'")
            : throw new System.Runtime.Serialization.SerializationException($"unknown manifest '{manifest}' for {nameof(SiemMessageSerializer)}");

    /// <summary>Actor references as serialized paths, resolved against the receiving system.</summary>
    private sealed class ActorRefConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
    {
        public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var path = reader.GetString();
            return string.IsNullOrEmpty(path) ? ActorRefs.Nobody : system.Provider.ResolveActorRef(path);
        }

        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
    }
}
