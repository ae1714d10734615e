namespace SiemActors.Node.Cli;

/// <summary>Lines of the files named on the command line, or of standard input for "-".</summary>
public static class LineSource
{
    public static IEnumerable<string> Read(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            using var reader = file == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(file);
            while (reader.ReadLine() is { } line)
                if (line.Length > 0) yield return line;
        }
    }
}
