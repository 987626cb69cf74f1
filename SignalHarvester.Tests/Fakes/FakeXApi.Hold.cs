namespace SignalHarvester.Tests.Fakes;

public sealed partial class FakeXApi
{
    private SearchHold? _hold;

    /// <summary>
    /// From search request number <paramref name="fromRequest"/> on (1-based, counting every request since start), requests wait
    /// unanswered until the hold is released: how a test keeps a pipeline run in progress (a page asked for, not yet stored)
    /// while it breaks something under it.
    /// </summary>
    public SearchHold HoldSearchesFrom(int fromRequest)
    {
        var hold = new SearchHold(fromRequest);
        lock (_gate)
        {
            _hold = hold;
        }

        return hold;
    }

    /// <summary>The number the next request will get.</summary>
    public int NextRequestNumber
    {
        get
        {
            lock (_gate)
            {
                return _requestCount + 1;
            }
        }
    }

    private async Task WaitWhileHeldAsync(int number, CancellationToken aborted)
    {
        SearchHold? hold;
        lock (_gate)
        {
            hold = _hold is { } h && number >= h.FromRequest ? h : null;
        }

        if (hold is not null)
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task.WaitAsync(aborted);
        }
    }

    /// <summary>A hold on searches: <see cref="Reached"/> completes when a request waits at it; <see cref="Release"/> lets them all go.</summary>
    public sealed class SearchHold(int fromRequest)
    {
        public int FromRequest { get; } = fromRequest;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
