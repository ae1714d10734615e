namespace SiemActors.Cluster.Tests;

/// <summary>Waits for an outcome with a deadline, checking every 100 ms: never a sleep that hopes.</summary>
public static class Poll
{
    public static Task Until(Func<bool> condition, string what, int seconds = 30) => Until(() => Task.FromResult(condition()), what, seconds);

    /// <summary>
    /// A check that throws (an Ask timing out while a node is busy joining or handing off) counts as "not yet":
    /// only the deadline fails the wait, with the last error attached.
    /// </summary>
    public static async Task Until(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception ex) when (ex is TimeoutException or Akka.Actor.AskTimeoutException or TaskCanceledException)
            {
                last = ex;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{what}' did not happen within {seconds} s", last);
            await Task.Delay(100);
        }
    }
}
