using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace SiemActors.Detection.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CompactingGcCollection
{
    public const string Name = "compacting GC";
}

/// <summary>
/// The forest walks hold refs into its arrays. A ref that points outside its array (say, "leaf 0 less 31") is moved by
/// a compacting GC together with whatever object lies at that address, so the walk then reads another object's memory:
/// a wrong score now and then, never an exception (CI saw one at vector 15,340 of a 20,000-vector test). Here the walks
/// run while another thread forces compacting collections and allocations leave gaps for them to close; every score must
/// equal the one computed before. Alone in its collection: the forced collections would stall other classes' tests.
/// </summary>
[Collection(CompactingGcCollection.Name)]
public class IsolationForestCompactionTests(ITestOutputHelper output)
{
    private const int MinCollections = 300;
    private const int MinWalks = 20_000;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(12, 8)]    // eight, then four: the blocked depth-8 walks
    [InlineData(37, 8)]    // eight, four and a single walk
    [InlineData(12, 6)]    // the general interleaved walk
    public void Scores_do_not_change_while_the_heap_is_compacted(int trees, int depth)
    {
        const int featureCount = 29;
        var stop = 0;
        var collections = 0;
        var collector = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                Interlocked.Increment(ref collections);
                // Back-to-back collections starve the walking thread; a pause between them lets it run into one.
                Thread.SpinWait(5000);
            }
        }) { IsBackground = true };
        collector.Start();

        var wrong = 0;
        var walks = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            // At least 1.5 s, and on a loaded machine (CI runs five test processes on two cores) until enough
            // collections have landed among the walks; the cap only keeps a starved run from hanging.
            bool Enough() => clock.ElapsedMilliseconds >= 1500 && Volatile.Read(ref collections) >= MinCollections && walks >= MinWalks;
            for (var round = 0; !Enough() && clock.Elapsed < Cap; round++)
            {
                // A new forest each round: young arrays, which compaction moves, with the allocations below around them.
                var rng = new Random(round);
                var (forest, _, _, _) = TestVectors.RandomForest(trees, depth, featureCount, rng, r => (float)(r.NextDouble() * 10 - 5));

                var xs = new float[8][];
                var expected = new double[xs.Length];
                for (var v = 0; v < xs.Length; v++)
                {
                    xs[v] = new float[featureCount];
                    for (var f = 0; f < featureCount; f++) xs[v][f] = (float)(rng.NextDouble() * 12 - 6);
                    expected[v] = forest.Score(xs[v]);
                }
                var batch = new double[xs.Length];
                for (var k = 0; k < 200; k++)
                {
                    walks++;
                    if (forest.Score(xs[k & 7]) != expected[k & 7]) wrong++;
                    if ((k & 15) == 0)
                    {
                        forest.Score(xs, batch);
                        if (!batch.AsSpan().SequenceEqual(expected)) wrong++;
                    }
                    GC.KeepAlive(new byte[rng.Next(10, 2000)]);
                }
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            collector.Join();
        }

        output.WriteLine($"{walks} walks, {collections} compacting collections, {clock.ElapsedMilliseconds} ms");
        Assert.True(collections >= MinCollections, $"only {collections} collections in {Cap}: compaction was not exercised");
        Assert.True(walks >= MinWalks, $"only {walks} walks in {Cap}");
        Assert.Equal(0, wrong);
    }
}
