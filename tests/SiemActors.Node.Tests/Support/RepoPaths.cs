namespace SiemActors.Node.Tests.Support;

public static class RepoPaths
{
    /// <summary>The repository root, found by walking up from the test binaries to SiemActors.sln.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SiemActors.sln"))) return dir.FullName;
            throw new InvalidOperationException("SiemActors.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The committed default model: the HTTP specs run the model users get.</summary>
    public static string DefaultModel => Path.Combine(Root, "models", "default.zip");
}
