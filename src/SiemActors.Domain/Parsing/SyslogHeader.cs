namespace SiemActors.Domain.Parsing;

/// <summary>Where the parts of a syslog line lie, as offsets into the line; the header fields themselves go into the draft.</summary>
internal readonly record struct SyslogHeader(int AppStart, int AppLength, int MessageStart, int MessageLength)
{
    public ReadOnlySpan<char> App(string line) => line.AsSpan(AppStart, AppLength);

    public ReadOnlySpan<char> Payload(string line) => line.AsSpan(MessageStart, MessageLength);
}
