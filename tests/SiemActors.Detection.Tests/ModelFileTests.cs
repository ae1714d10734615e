using System.IO.Compression;
using System.Text.Json.Nodes;
using SiemActors.Detection.Scoring;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Detection.Tests;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("siem-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Saved_model_loads_with_the_same_metadata_and_scores()
    {
        var model = TestVectors.Model;
        var path = Path.Combine(_dir, "m.zip");
        model.Save(path);
        var loaded = EnsembleModel.Load(path);

        Assert.Equal(model.Metadata.Version, loaded.Metadata.Version);
        Assert.Equal(FeatureNames.All, loaded.Metadata.FeatureNames);
        Assert.Equal(model.Metadata.TrainingSize, loaded.Metadata.TrainingSize);
        Assert.Equal(model.Metadata.CreatedUtc, loaded.Metadata.CreatedUtc);
        Assert.Equal(model.Metadata.ScoreQuantiles[ModelNames.Pca], loaded.Metadata.ScoreQuantiles[ModelNames.Pca]);

        var a = model.CreateScorer(new DetectionOptions());
        var b = loaded.CreateScorer(new DetectionOptions());
        var rows = TestVectors.Normal(200, seed: 21).Append(TestVectors.Vector((FeatureNames.Bytes, 5e8f), (FeatureNames.Hour, 3)));
        foreach (var row in rows)
        {
            var ev = TestVectors.SshEvent();
            var va = a.Score(ev, row);
            var vb = b.Score(ev, row);
            Assert.Equal(va.RiskScore, vb.RiskScore, 12);
            Assert.Equal(va.ModelScores, vb.ModelScores);
        }
    }

    [Fact]
    public void Model_with_another_feature_list_is_refused_with_a_clear_error()
    {
        var path = Path.Combine(_dir, "old.zip");
        TestVectors.Model.Save(path);
        RewriteMetadata(path, m =>
        {
            var names = m["feature_names"]!.AsArray();
            names.RemoveAt(names.Count - 1);
            names.Add("legacy_feature");
        });

        var ex = Assert.Throws<ModelFormatException>(() => EnsembleModel.Load(path));
        Assert.StartsWith("model feature list does not match: expected [hour, day_of_week", ex.Message);
        Assert.Contains("got [hour", ex.Message);
        Assert.Contains("legacy_feature", ex.Message);
    }

    [Fact]
    public void Future_format_version_is_refused()
    {
        var path = Path.Combine(_dir, "future.zip");
        TestVectors.Model.Save(path);
        RewriteMetadata(path, m => m["format_version"] = 99);
        var ex = Assert.Throws<ModelFormatException>(() => EnsembleModel.Load(path));
        Assert.Contains("format version 99", ex.Message);
    }

    [Fact]
    public void Missing_or_garbage_files_throw_ModelFormatException()
    {
        var missing = Path.Combine(_dir, "nope.zip");
        Assert.Contains("not found", Assert.Throws<ModelFormatException>(() => EnsembleModel.Load(missing)).Message);

        var garbage = Path.Combine(_dir, "garbage.zip");
        File.WriteAllText(garbage, "this is not a zip");
        Assert.Contains("not a readable", Assert.Throws<ModelFormatException>(() => EnsembleModel.Load(garbage)).Message);

        var partial = Path.Combine(_dir, "partial.zip");
        TestVectors.Model.Save(partial);
        using (var zip = ZipFile.Open(partial, ZipArchiveMode.Update)) zip.GetEntry("forest.bin")!.Delete();
        Assert.Contains("forest.bin", Assert.Throws<ModelFormatException>(() => EnsembleModel.Load(partial)).Message);
    }

    private static void RewriteMetadata(string path, Action<JsonObject> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("metadata.json")!;
        JsonObject json;
        using (var s = entry.Open()) json = JsonNode.Parse(s)!.AsObject();
        change(json);
        entry.Delete();
        using var w = new StreamWriter(zip.CreateEntry("metadata.json").Open());
        w.Write(json.ToJsonString());
    }
}
