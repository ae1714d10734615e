using Akka.Actor;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Serialization;
using SiemActors.Domain.Events;

namespace SiemActors.Actors.Entities;

/// <summary>Routed by sharding on <see cref="EntityId"/>.</summary>
public interface IEntityMessage
{
    string EntityId { get; }
}

/// <summary>One event on its way through the entities, with the feature vector built so far.</summary>
public sealed record EntityItem(int Index, LogEvent Event, float[] Features);

/// <summary>
/// All events of one batch that belong to one IP: a batch fans out into one message per entity,
/// so a burst from one attacker costs one hop, not one per line.
/// </summary>
/// <param name="ReplyTo">The batch collector on the ingress node that waits for the verdicts.</param>
public sealed record IpEvents(string EntityId, IActorRef ReplyTo, VerdictDetail Detail, IReadOnlyList<EntityItem> Items) : IEntityMessage, ISiemMessage;

public sealed record UserEvents(string EntityId, IActorRef ReplyTo, VerdictDetail Detail, IReadOnlyList<EntityItem> Items) : IEntityMessage, ISiemMessage;

public sealed record GetIpProfile(string EntityId) : IEntityMessage, ISiemMessage;

public sealed record GetUserProfile(string EntityId) : IEntityMessage, ISiemMessage;
