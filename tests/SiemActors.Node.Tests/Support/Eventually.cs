namespace SiemActors.Node.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes: waiting for an outcome, never sleeping for luck.</summary>
public static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or Xunit.Sdk.XunitException)
            {
                last = ex;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{what}' did not happen within {within}", last);
    }

    public static async Task<T> Async<T>(Func<Task<T?>> value, TimeSpan within, string what) where T : class
    {
        T? result = null;
        await Async(async () => (result = await value()) is not null, within, what);
        return result!;
    }
}
