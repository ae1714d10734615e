using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project tests/SiemActors.Benchmarks -- --filter '*'
// Retained memory per entity (not a BenchmarkDotNet job): ... -- entity-memory
// Ingest-to-Slack alert latency under load against a real node (build src/SiemActors.Node first): ... -- alert-latency
if (args is ["entity-memory", ..]) SiemActors.Benchmarks.EntityMemoryBenchmarks.Run(args[1..]);
else if (args is ["alert-latency", ..]) return SiemActors.Benchmarks.AlertLatencyBenchmark.Run(args[1..]);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
