using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using SiemActors.Detection.Models;

namespace SiemActors.Detection.Scoring;

/// <summary>
/// The model file: one zip with <c>metadata.json</c> (version, features, calibration quantiles, feature
/// statistics), <c>pca.zip</c> (the ML.NET normaliser + RandomizedPca), <c>forest.bin</c> and <c>density.bin</c>.
/// </summary>
internal static class ModelFile
{
    public const string MetadataEntry = "metadata.json";
    public const string PcaEntry = "pca.zip";
    public const string ForestEntry = "forest.bin";
    public const string DensityEntry = "density.bin";
    private const int ForestMagic = 0x46495353;   // "SSIF"
    private const int DensityMagic = 0x4D475353;  // "SSGM"

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(string path, ModelMetadata metadata, PcaDetector pca, IsolationForest forest, FeatureScaler scaler, GaussianMixture density)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        using (var file = File.Create(temp))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry(MetadataEntry).Open()) JsonSerializer.Serialize(s, metadata, Json);
            using (var s = zip.CreateEntry(PcaEntry, CompressionLevel.NoCompression).Open()) pca.Save(s);
            using (var s = zip.CreateEntry(ForestEntry).Open()) WriteForest(s, forest);
            using (var s = zip.CreateEntry(DensityEntry).Open()) WriteDensity(s, scaler, density);
        }
        File.Move(temp, full, overwrite: true);
    }

    public static EnsembleModel Read(string path)
    {
        if (!File.Exists(path)) throw new ModelFormatException($"model file not found: {path}", new FileNotFoundException(null, path));
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var metadata = ReadEntry(zip, path, MetadataEntry, s => JsonSerializer.Deserialize<ModelMetadata>(s, Json))
                ?? throw new ModelFormatException($"{path}: {MetadataEntry} is empty");
            Validate(path, metadata);
            var forest = ReadEntry(zip, path, ForestEntry, ReadForest);
            var (scaler, density) = ReadEntry(zip, path, DensityEntry, ReadDensity);
            var pca = ReadEntry(zip, path, PcaEntry, s =>
            {
                using var buffer = new MemoryStream();   // ML.NET needs a seekable stream
                s.CopyTo(buffer);
                buffer.Position = 0;
                return PcaDetector.Load(buffer);
            });
            if (forest.FeatureCount != metadata.FeatureNames.Count)
                throw new ModelFormatException($"{path}: forest has {forest.FeatureCount} features, metadata lists {metadata.FeatureNames.Count}");
            return new EnsembleModel(metadata, forest, pca, scaler, density);
        }
        catch (ModelFormatException) { throw; }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or EndOfStreamException or IOException
                                       or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            throw new ModelFormatException($"{path} is not a readable SiemActors model file: {ex.Message}", ex);
        }
    }

    private static void Validate(string path, ModelMetadata m)
    {
        if (m.FormatVersion != ModelMetadata.CurrentFormatVersion)
            throw new ModelFormatException($"{path}: model format version {m.FormatVersion} is not supported (this build reads {ModelMetadata.CurrentFormatVersion})");
        var expected = Domain.Features.FeatureNames.All;
        if (m.FeatureNames is null || !m.FeatureNames.SequenceEqual(expected))
            throw new ModelFormatException(
                $"model feature list does not match: expected [{string.Join(", ", expected)}], got [{string.Join(", ", m.FeatureNames ?? [])}] ({path}; retrain the model with this build)");
        foreach (var name in ModelNames.Trained)
        {
            if (m.ScoreQuantiles is null || !m.ScoreQuantiles.TryGetValue(name, out var q) || q.Length < 2)
                throw new ModelFormatException($"{path}: calibration quantiles for model '{name}' are missing");
        }
        var n = expected.Count;
        if (m.FeatureMean?.Length != n || m.FeatureStd?.Length != n || m.FeatureMax?.Length != n)
            throw new ModelFormatException($"{path}: feature statistics must have {n} entries");
    }

    private static T ReadEntry<T>(ZipArchive zip, string path, string name, Func<Stream, T> read)
    {
        var entry = zip.GetEntry(name) ?? throw new ModelFormatException($"{path}: entry '{name}' is missing");
        using var s = entry.Open();
        return read(s);
    }

    private static void WriteForest(Stream s, IsolationForest f)
    {
        using var w = new BinaryWriter(s);
        w.Write(ForestMagic);
        w.Write(f.Trees); w.Write(f.Depth); w.Write(f.SubsampleSize); w.Write(f.FeatureCount);
        foreach (var v in f.NodeFeatures) w.Write(v);
        foreach (var v in f.NodeThresholds) w.Write(v);
        foreach (var v in f.LeafPaths) w.Write(v);
    }

    private static IsolationForest ReadForest(Stream s)
    {
        using var r = new BinaryReader(s);
        if (r.ReadInt32() != ForestMagic) throw new InvalidDataException("forest.bin has a wrong header");
        int trees = r.ReadInt32(), depth = r.ReadInt32(), subsample = r.ReadInt32(), featureCount = r.ReadInt32();
        if (trees is < 1 or > 100_000 || depth is < 1 or > 20) throw new InvalidDataException($"forest shape {trees}x{depth} is not plausible");
        var internalNodes = (1 << depth) - 1;
        var features = ReadInts(r, trees * internalNodes);
        var thresholds = ReadFloats(r, trees * internalNodes);
        var leaves = ReadFloats(r, trees * (internalNodes + 1));
        return new IsolationForest(trees, depth, subsample, featureCount, features, thresholds, leaves);
    }

    private static void WriteDensity(Stream s, FeatureScaler scaler, GaussianMixture g)
    {
        using var w = new BinaryWriter(s);
        w.Write(DensityMagic);
        w.Write(scaler.Mean.Length);
        foreach (var v in scaler.Mean) w.Write(v);
        foreach (var v in scaler.Std) w.Write(v);
        w.Write(g.Components); w.Write(g.Dimensions);
        foreach (var v in g.Weights) w.Write(v);
        foreach (var v in g.Means) w.Write(v);
        foreach (var v in g.Variances) w.Write(v);
    }

    private static (FeatureScaler, GaussianMixture) ReadDensity(Stream s)
    {
        using var r = new BinaryReader(s);
        if (r.ReadInt32() != DensityMagic) throw new InvalidDataException("density.bin has a wrong header");
        var n = r.ReadInt32();
        var scaler = new FeatureScaler(ReadFloats(r, n), ReadFloats(r, n));
        int k = r.ReadInt32(), d = r.ReadInt32();
        if (k is < 1 or > 10_000 || d != n) throw new InvalidDataException($"mixture shape {k}x{d} is not plausible");
        var mixture = new GaussianMixture(k, d, ReadFloats(r, k), ReadFloats(r, k * d), ReadFloats(r, k * d));
        return (scaler, mixture);
    }

    private static int[] ReadInts(BinaryReader r, int n)
    {
        var a = new int[n];
        for (var i = 0; i < n; i++) a[i] = r.ReadInt32();
        return a;
    }

    private static float[] ReadFloats(BinaryReader r, int n)
    {
        var a = new float[n];
        for (var i = 0; i < n; i++) a[i] = r.ReadSingle();
        return a;
    }
}
