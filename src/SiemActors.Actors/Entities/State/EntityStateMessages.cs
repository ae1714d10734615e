using Akka.Actor;

namespace SiemActors.Actors.Entities.State;

// Local messages between entity partitions and their node's state store; they never cross nodes.
// Every message carries many entities: a partition asks for all the keys one batch of events needs at once.

public sealed record LoadEntityStates(IReadOnlyList<string> Keys, IActorRef ReplyTo);

/// <summary>
/// The stored states of <see cref="Keys"/>: an entity missing from <see cref="Found"/> was never saved. With
/// <see cref="Error"/> the store could not tell, and the keys must be asked again.
/// </summary>
public sealed record EntityStatesLoaded(IReadOnlyList<string> Keys, IReadOnlyDictionary<string, StoredEntityState> Found, string? Error = null);

public sealed record SaveEntityStates(IReadOnlyList<StoredEntityState> States, IActorRef ReplyTo);

/// <summary>These states were written (or refused with <see cref="Error"/>).</summary>
public sealed record EntityStatesSaved(IReadOnlyList<SavedEntityState> States, string? Error);

public readonly record struct SavedEntityState(string Key, long Generation);

/// <summary>Asks the node's state store how far its <see cref="StoredKeyFilter"/> has got; answered with <see cref="EntityStoreStatus"/>.</summary>
public sealed class GetEntityStoreStatus
{
    public static readonly GetEntityStoreStatus Instance = new();
    private GetEntityStoreStatus() { }
}

/// <param name="FilterUsable">New entities are made without a load.</param>
/// <param name="FilterDisabled">Off for good: PostgreSQL, or another node may write the database.</param>
/// <param name="KnownKeys">Keys in the filter (approximate).</param>
public sealed record EntityStoreStatus(bool FilterUsable, bool FilterDisabled, long KnownKeys);
