using Microsoft.ML;
using Microsoft.ML.Data;
using SiemActors.Domain.Features;

namespace SiemActors.Detection.Models;

/// <summary>
/// ML.NET RandomizedPca anomaly detector (reconstruction error). Input is the normalised feature vector of
/// <see cref="FeatureScaler"/> (log-warp, then mean-variance fitted on the training data with a deviation floor).
/// ML.NET's own NormalizeMeanVariance is not used: it maps a feature that was constant in training to 0 for ever,
/// so an attack moving only that feature (say invalid_users_10m) would be invisible to PCA (a test guards this).
/// One shared
/// <see cref="ITransformer"/>; every scorer asks for its own <see cref="PcaEngine"/> (PredictionEngine is not thread-safe).
/// </summary>
public sealed class PcaDetector
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly Lock _gate = new();
    private readonly PcaProjection? _projection;

    private PcaDetector(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        _projection = PcaProjection.TryCreate(model, FeatureNames.Count);
    }

    public static PcaDetector Fit(IReadOnlyList<float[]> scaledRows, int rank, int seed)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(scaledRows.Select(r => new PcaInput { Features = r }));
        var pipeline = ml.AnomalyDetection.Trainers.RandomizedPca(PcaInput.Column,
            rank: Math.Min(rank, FeatureNames.Count - 1), ensureZeroMean: true, seed: seed);
        var model = pipeline.Fit(data);
        return new PcaDetector(ml, model, data.Schema);
    }

    public static PcaDetector Load(Stream stream)
    {
        var ml = new MLContext(0);
        var model = ml.Model.Load(stream, out var schema);
        return new PcaDetector(ml, model, schema);
    }

    public void Save(Stream stream) => _ml.Model.Save(_model, _inputSchema, stream);

    /// <summary>Whether engines compute the projection directly (false: the model's parameters could not be read).</summary>
    internal bool HasProjection => _projection is not null;

    public PcaEngine CreateEngine() => _projection is not null ? new PcaEngine(_projection) : CreatePredictionEngine();

    /// <summary>Always ML.NET's PredictionEngine: the reference the projection is tested against.</summary>
    internal PcaEngine CreatePredictionEngine()
    {
        lock (_gate)
        {
            return new PcaEngine(_ml.Model.CreatePredictionEngine<PcaInput, PcaOutput>(_model, _inputSchema));
        }
    }

    /// <summary>Scores a batch with one engine (training-time calibration).</summary>
    public float[] ScoreAll(IReadOnlyList<float[]> scaledRows)
    {
        var engine = CreateEngine();
        var scores = new float[scaledRows.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = engine.Score(scaledRows[i]);
        return scores;
    }
}

/// <summary>
/// One scorer's PCA scoring: the model's projection computed directly (<see cref="PcaProjection"/>), or, for a model
/// whose parameters could not be read, a PredictionEngine with reused input and output rows. No allocation per call.
/// </summary>
public sealed class PcaEngine
{
    private readonly PcaProjection? _projection;
    private readonly PredictionEngine<PcaInput, PcaOutput>? _engine;
    private readonly PcaInput _input = new() { Features = new float[FeatureNames.Count] };
    private PcaOutput _output = new();

    internal PcaEngine(PcaProjection projection) => _projection = projection;

    internal PcaEngine(PredictionEngine<PcaInput, PcaOutput> engine) => _engine = engine;

    /// <summary>The reconstruction-error score of one scaled vector.</summary>
    public float Score(ReadOnlySpan<float> scaled)
    {
        if (_projection is not null) return _projection.Score(scaled);
        scaled[..FeatureNames.Count].CopyTo(_input.Features);
        _engine!.Predict(_input, ref _output);
        return _output.Score;
    }
}

public sealed class PcaInput
{
    public const string Column = "Features";

    [VectorType(FeatureNames.Count)]
    [ColumnName(Column)]
    public float[] Features { get; set; } = [];
}

public sealed class PcaOutput
{
    public float Score { get; set; }
    public bool PredictedLabel { get; set; }
}
