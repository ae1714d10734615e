namespace SiemActors.Cluster.Tests;

/// <summary>Waits for an outcome with a deadline, checking every 100 ms: never a sleep that hopes.</summary>
public static class Poll
{
    public static Task Until(Func<bool> condition, string what, int seconds = 30) => Until(() => Task.FromResult(condition()), what, seconds);

    public static async Task Until(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{what}' did not happen within {seconds} s");
            await Task.Delay(100);
        }
    }
}
