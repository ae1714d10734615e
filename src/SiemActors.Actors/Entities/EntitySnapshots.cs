using SiemActors.Actors.Serialization;
using SiemActors.Domain.Entities;

namespace SiemActors.Actors.Entities;

// What an entity writes to the snapshot store: its whole behaviour state, never one event per log line.
// Generation is unused since entity state moved to the batched state table (whose generation column orders
// saves); it stays so records written before keep deserializing.

public sealed record IpEntitySnapshot(long Generation, IpBehaviourSnapshot State) : ISiemMessage;

public sealed record UserEntitySnapshot(long Generation, UserBehaviourSnapshot State) : ISiemMessage;

/// <summary>
/// When an entity saves: after <see cref="EveryEvents"/> events or <see cref="Interval"/> after its first unsaved
/// event, whichever comes first, and when it stops (passivation, hand-off). Never per event.
/// </summary>
public sealed record EntitySnapshotPolicy(int EveryEvents, TimeSpan Interval)
{
    public static readonly EntitySnapshotPolicy Default = new(1000, TimeSpan.FromSeconds(30));
    /// <summary>How long an entity stays in memory unused before it is saved and dropped (Siem:Pipeline:PassivateIdleEntityAfter).</summary>
    public static readonly TimeSpan DefaultIdleAfter = TimeSpan.FromMinutes(10);
    /// <summary>How long a stopping entity waits for its last snapshot before it stops anyway.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(25);   // inside the 30 s shutdown phase (hocon/siem.hocon)
}

/// <summary>
/// The shard's hand-off and idle-passivation stop message for ip, user and alert entities (ShardOptions.HandOffStopMessage):
/// unlike a PoisonPill it lets the entity save what it learned before it goes.
/// </summary>
public sealed class StopEntity
{
    public static readonly StopEntity Instance = new();
    private StopEntity() { }
}
