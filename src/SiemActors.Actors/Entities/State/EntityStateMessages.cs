using Akka.Actor;

namespace SiemActors.Actors.Entities.State;

// Local messages between entities and their node's state store; they never cross nodes.

public sealed record LoadEntityState(string Key, IActorRef ReplyTo);

/// <summary>The stored state of <see cref="Key"/>, or null when the entity was never saved; <see cref="Error"/> when the store could not tell.</summary>
public sealed record EntityStateLoaded(string Key, StoredEntityState? State, string? Error = null);

public sealed record SaveEntityState(StoredEntityState State, IActorRef ReplyTo);

/// <summary>The state was written (or refused with <see cref="Error"/>); the entity may now stop.</summary>
public sealed record EntityStateSaved(string Key, long Generation, string? Error);
