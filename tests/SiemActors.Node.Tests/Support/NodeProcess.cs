using System.Collections.Concurrent;
using System.Diagnostics;

namespace SiemActors.Node.Tests.Support;

/// <summary>
/// A <c>siem node</c> process (the built <c>siem.dll</c>) on a free loopback port, for what only a whole process shows:
/// process-wide settings, a kill. Its output is kept, line by line, so a full pipe never blocks it.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NodeProcess(Process process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public static NodeProcess Start(string dataDir, params string[] extraArgs)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])
                 [
                     Path.Combine(AppContext.BaseDirectory, "siem.dll"), "node", $"--urls=http://127.0.0.1:{port}", $"--Siem:DataDir={dataDir}",
                     "--Siem:Cluster:Port=0", $"--Siem:Models:Path={RepoPaths.DefaultModel}", "--Siem:Models:Watch=false", .. extraArgs,
                 ])
            start.ArgumentList.Add(arg);
        var node = new NodeProcess(Process.Start(start)!, port);
        node._process.OutputDataReceived += (_, e) => { if (e.Data is not null) node._output.Enqueue(e.Data); };
        node._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) node._output.Enqueue(e.Data); };
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    public Task WaitUntilReadyAsync() => Eventually.Async(async () =>
    {
        using var response = await Http.GetAsync("/healthz/ready");
        return response.IsSuccessStatusCode;
    }, TimeSpan.FromSeconds(60), "node process ready");

    /// <summary>The first line of output that contains <paramref name="text"/>, once the node has written it.</summary>
    public async Task<string> LineAsync(string text, TimeSpan within)
    {
        try
        {
            return await Eventually.Async(() => Task.FromResult(_output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))),
                within, $"a line with '{text}'");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the last lines:\n{Tail()}", e);
        }
    }

    /// <summary>The last 20 lines of output, for a failure's message.</summary>
    public string Tail() => string.Join('\n', _output.TakeLast(20));

    /// <summary>Ends the process at once (SIGKILL): no shutdown, nothing flushed.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        Http.Dispose();
    }
}
