using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;

// Counts the thread-time samples of a dotnet-trace file (profile dotnet-sampled-thread-time: every managed thread's
// stack at ~100 Hz, blocked or running) per stack, within a window of seconds from the trace's start. Where the
// node's threads wait, and what they run, in a slow stretch against a fast one: docs/BENCHMARKS.md.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: thread-samples TRACE.nettrace FROM_S TO_S [--contains TEXT] [--running] [--by-component] [--frames N] [--top N] [--leaf]");
    return 2;
}
var (from, to) = (double.Parse(args[1], CultureInfo.InvariantCulture), double.Parse(args[2], CultureInfo.InvariantCulture));
string? contains = Option("--contains");
var running = args.Contains("--running");
var byComponent = args.Contains("--by-component");
// With --contains, stacks are shown from the matching frame up; --leaf shows them from the leaf instead.
var leaf = args.Contains("--leaf");
var frames = int.Parse(Option("--frames") ?? "3", CultureInfo.InvariantCulture);
var top = int.Parse(Option("--top") ?? "25", CultureInfo.InvariantCulture);

// A thread parked in one of these is waiting, not running.
string[] waits = ["LowLevelLifoSemaphore.WaitForSignal", "Monitor.Wait", "WaitHandle.WaitOneNoCheck", "SocketAsyncEngine.EventLoop",
    "FileSystemWatcher", "ConsoleLoggerProcessor.TryDequeue", "ManualResetEventSlim.Wait", "Task.SpinThenBlockingWait"];
// The first of these a stack contains names its component.
string[] components = ["AlertEntityActor", "AlertIndex", "AlertDelivery", "Akka.Persistence", "Sqlite", "LinqToDB", "EntityStateStore",
    "IpPartitionActor", "UserPartitionActor", "ScorerActor", "Parser", "IngressActor", "Kestrel", "AspNetCore", "Sharding", "Akka.Remote",
    "Akka.Actor", "PollGC", "ThreadPool"];

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var counts = new Dictionary<string, int>();
int inWindow = 0, counted = 0;
foreach (var e in log.Events)
{
    if (e.EventName != "Thread/Sample") continue;
    var seconds = e.TimeStampRelativeMSec / 1000;
    if (seconds < from || seconds >= to) continue;
    inWindow++;
    var stack = new List<string>();
    for (var f = e.CallStack(); f is not null; f = f.Caller)
        stack.Add(f.CodeAddress.FullMethodName is { Length: > 0 } name ? name : f.CodeAddress.ModuleName + "!?");
    var whole = string.Join(" < ", stack);
    if (running && waits.Any(whole.Contains)) continue;
    if (contains is not null && !whole.Contains(contains, StringComparison.Ordinal)) continue;
    counted++;
    var key = byComponent
        ? components.FirstOrDefault(whole.Contains) ?? stack.FirstOrDefault() ?? "?"
        : string.Join(" < ", stack.Skip(contains is null || leaf ? 0 : Math.Max(0, stack.FindIndex(f => f.Contains(contains, StringComparison.Ordinal)))).Take(frames));
    counts[key] = counts.GetValueOrDefault(key) + 1;
}
Console.WriteLine($"{inWindow} samples in {from}-{to} s, {counted} counted");
foreach (var (key, n) in counts.OrderByDescending(c => c.Value).Take(top)) Console.WriteLine($"{n,8} {key}");
return 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
