namespace SiemActors.Detection.Scoring;

/// <summary>A model file that cannot be used: unreadable, from another format version, or trained on other features.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string message) : base(message) { }
    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
}
