using Microsoft.Extensions.Logging;
using SiemActors.Detection.Scoring;

namespace SiemActors.Actors.Scoring;

/// <summary>
/// Holds the node's current ensemble model and swaps in a new one when the model file changes, so a
/// retrained model goes live without a restart. A new file that fails to load (corrupt, wrong feature
/// list) is refused with an error in the log and the running model stays.
/// </summary>
public sealed class ModelProvider : IDisposable
{
    private readonly string _path;
    private readonly ILogger _log;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _reloadLock = new();
    private EnsembleModel _current;
    private int _version;

    public ModelProvider(string path, ILogger log, bool watch = true)
    {
        _path = Path.GetFullPath(path);
        _log = log;
        if (!File.Exists(_path))
            throw new ModelFormatException($"model file not found: {_path} (train one with `siem train` or set Siem__Models__Path)");
        _current = EnsembleModel.Load(_path);
        _version = 1;
        _log.LogInformation("Loaded model {Path} (version {ModelVersion}, {Features} features)", _path, _current.Metadata.Version, _current.Metadata.FeatureNames.Count);
        if (!watch) return;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
            EnableRaisingEvents = true,
        };
        _watcher.Changed += (_, _) => Reload();
        _watcher.Created += (_, _) => Reload();
        _watcher.Renamed += (_, _) => Reload();
    }

    /// <summary>Creates a provider around an already loaded model (tests, in-process eval).</summary>
    public ModelProvider(EnsembleModel model, ILogger log)
    {
        _path = "(in memory)";
        _log = log;
        _current = model;
        _version = 1;
    }

    public EnsembleModel Current => Volatile.Read(ref _current);

    /// <summary>Bumped on every successful reload; scorers compare it to rebuild their engines.</summary>
    public int Version => Volatile.Read(ref _version);

    public bool Reload()
    {
        lock (_reloadLock)
        {
            try
            {
                // The writer may still hold the file: a few short retries beat a spurious refusal.
                EnsembleModel? model = null;
                for (var attempt = 0; model is null; attempt++)
                {
                    try { model = EnsembleModel.Load(_path); }
                    catch (IOException) when (attempt < 5) { Thread.Sleep(100); }
                }
                Volatile.Write(ref _current, model);
                Interlocked.Increment(ref _version);
                _log.LogInformation("Reloaded model {Path} (version {ModelVersion})", _path, model.Metadata.Version);
                return true;
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "Refused new model file {Path}; keeping the running model: {Reason}", _path, ex.Message);
                return false;
            }
        }
    }

    public void Dispose() => _watcher?.Dispose();
}
