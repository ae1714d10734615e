using System.Text;
using SiemActors.Actors.Alerting.Channels;

namespace SiemActors.Actors.Tests.Alerting.Channels;

/// <summary>A message as the channel posts it, without the HTTP round trip.</summary>
internal static class SlackWire
{
    public static string Serialize(SlackMessage message) => Encoding.UTF8.GetString(message.ToJsonUtf8Bytes());
}
