using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project tests/SiemActors.Benchmarks -- --filter '*'
// Retained memory per entity (not a BenchmarkDotNet job): ... -- entity-memory
if (args is ["entity-memory", ..]) SiemActors.Benchmarks.EntityMemoryBenchmarks.Run(args[1..]);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
