using Akka.Actor;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Serialization;
using SiemActors.Domain.Events;

namespace SiemActors.Actors.Entities;

/// <summary>One event on its way through the entities, with the feature vector built so far.</summary>
public sealed record EntityItem(int Index, LogEvent Event, float[] Features);

/// <summary>
/// The events of one chunk whose source IPs fall in one partition: a chunk fans out into one message per partition,
/// not one per IP, so the per-message cost of sharding is shared by every event in it.
/// </summary>
/// <param name="Partition">The ip partition (see <see cref="EntityPartitioner"/>); each item's IP is its entity.</param>
/// <param name="ReplyTo">The batch collector on the ingress node that waits for the verdicts.</param>
public sealed record IpEvents(string Partition, IActorRef ReplyTo, VerdictDetail Detail, IReadOnlyList<EntityItem> Items) : IPartitionMessage, ISiemMessage;

/// <summary>The events whose user names fall in one user partition; each item's user name is its entity.</summary>
public sealed record UserEvents(string Partition, IActorRef ReplyTo, VerdictDetail Detail, IReadOnlyList<EntityItem> Items) : IPartitionMessage, ISiemMessage;

public sealed record GetIpProfile(string Key) : IEntityKeyMessage, ISiemMessage;

public sealed record GetUserProfile(string Key) : IEntityKeyMessage, ISiemMessage;

/// <summary>Asks one partition how many entities it holds; answered with <see cref="PartitionStats"/>.</summary>
public sealed record GetPartitionStats(string Partition) : IPartitionMessage, ISiemMessage;

/// <param name="Live">Entities in memory.</param>
/// <param name="Loading">Entities whose stored state is being read.</param>
/// <param name="Dirty">Entities with changes not yet saved.</param>
public sealed record PartitionStats(string Partition, int Live, int Loading, int Dirty) : ISiemMessage;
