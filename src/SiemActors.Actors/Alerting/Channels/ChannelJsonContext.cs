using System.Text.Json.Serialization;

namespace SiemActors.Actors.Alerting.Channels;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlertWebhookPayload))]
[JsonSerializable(typeof(PagerDutyEvent))]
internal sealed partial class ChannelJsonContext : JsonSerializerContext;
