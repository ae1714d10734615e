namespace SiemActors.Actors.Serialization;

/// <summary>
/// Marks every message that may cross nodes or be persisted. The marker is bound to
/// <see cref="SiemMessageSerializer"/>, so none of them falls back to Akka's default JSON serializer.
/// </summary>
public interface ISiemMessage;
