namespace SignalHarvester.Tests.Infrastructure;

/// <summary>Polls a condition that becomes true asynchronously (a job runs, a metric is exported), failing after a deadline.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        T last = default!;
        while (!deadline.IsCancellationRequested)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:F0} s; last observed: {Describe(last)}");
    }

    // A list shows its items (a failure once printed only `List`1[System.String]`).
    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string text => text,
        System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>())}]",
        _ => value.ToString() ?? "",
    };
}
