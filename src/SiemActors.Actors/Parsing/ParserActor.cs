using Akka.Actor;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Scoring;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Features;
using SiemActors.Domain.Parsing;

namespace SiemActors.Actors.Parsing;

/// <summary>
/// Turns raw lines of one source into typed events and fans them out by entity partition: one message per ip
/// partition (or user partition, for events without an IP) per chunk. Lines it cannot read are reported to the
/// batch's collector with the reason; the parser itself never fails on input.
/// </summary>
public sealed class ParserActor : ReceiveActor
{
    private readonly IActorRef _ipRegion;
    private readonly IActorRef _userRegion;
    private readonly IActorRef _scorers;
    private readonly EntityPartitioner _ipPartitions, _userPartitions;

    public ParserActor(IActorRef ipRegion, IActorRef userRegion, IActorRef scorers, EntityPartitioner ipPartitions, EntityPartitioner userPartitions)
    {
        _ipPartitions = ipPartitions;
        _userPartitions = userPartitions;
        _ipRegion = ipRegion;
        _userRegion = userRegion;
        _scorers = scorers;
        Receive<ParseChunk>(Handle);
    }

    public static Props Props(IActorRef ipRegion, IActorRef userRegion, IActorRef scorers, EntityPartitioner ipPartitions, EntityPartitioner userPartitions) =>
        Akka.Actor.Props.Create(() => new ParserActor(ipRegion, userRegion, scorers, ipPartitions, userPartitions));

    private void Handle(ParseChunk chunk)
    {
        Dictionary<string, List<EntityItem>>? byIp = null, byUser = null;
        List<EntityItem>? noEntity = null;
        List<RejectedLine>? rejected = null;
        var accepted = 0;

        for (var i = 0; i < chunk.Lines.Count; i++)
        {
            var index = chunk.StartIndex + i;
            ParseOutcome outcome;
            try
            {
                outcome = LineParsers.Parse(chunk.Source, chunk.Lines[i], chunk.ReceivedAt);
            }
            catch (Exception ex)
            {
                // A parser bug must cost one line, not the batch: count it like any unreadable line.
                outcome = ParseOutcome.Fail($"parser error: {ex.GetType().Name}");
            }
            if (outcome.Event is not { } ev)
            {
                (rejected ??= []).Add(new RejectedLine(index, outcome.Error ?? "unparsable line"));
                continue;
            }
            accepted++;
            var features = FeatureNames.NewVector();
            EventFeatures.Fill(ev, features);
            var item = new EntityItem(index, ev, features);
            if (ev.SourceIp is { } ip) EntityFanOut.Add(ref byIp, _ipPartitions.IdOf(ip), item);
            else if (ev.UserName is { } user)
            {
                EntityFanOut.Add(ref byUser, _userPartitions.IdOf(user), item);
            }
            else
            {
                FeatureExtractor.UserDefaults(features);
                (noEntity ??= []).Add(item);
            }
        }

        if (byIp is not null)
            foreach (var (partition, items) in byIp) _ipRegion.Tell(new IpEvents(partition, chunk.Collector, chunk.Detail, items));
        if (byUser is not null)
            foreach (var (partition, items) in byUser) _userRegion.Tell(new UserEvents(partition, chunk.Collector, chunk.Detail, items));
        if (noEntity is not null) _scorers.Tell(new ScoreEvents(chunk.Collector, chunk.Detail, noEntity));

        ParseCounters.Count(chunk.Source, accepted, rejected?.Count ?? 0);
        chunk.Collector.Tell(new ChunkParsed(accepted, (IReadOnlyList<RejectedLine>?)rejected ?? []));
    }
}
