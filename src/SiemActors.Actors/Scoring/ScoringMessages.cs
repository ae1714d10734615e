using Akka.Actor;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;

namespace SiemActors.Actors.Scoring;

/// <summary>Events whose feature vector is complete, sent to the local scorer pool (never crosses nodes).</summary>
public sealed record ScoreEvents(IActorRef ReplyTo, VerdictDetail Detail, IReadOnlyList<EntityItem> Items);
