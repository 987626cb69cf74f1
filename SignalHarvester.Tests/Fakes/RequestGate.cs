namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// A gate in front of a fake's requests: while the test keeps it closed, requests wait unanswered (a source asked,
/// not yet answered), so a test holds a run mid-way without sleeping and sees where it is held.
/// </summary>
public sealed class RequestGate
{
    private readonly Lock gate = new();
    private TaskCompletionSource? closed;
    private int waiting;

    /// <summary>Requests waiting at the gate now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    public void Close()
    {
        lock (gate)
        {
            closed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets the waiting requests and every later one through.</summary>
    public void Open()
    {
        TaskCompletionSource? release;
        lock (gate)
        {
            (release, closed) = (closed, null);
        }

        release?.TrySetResult();
    }

    /// <summary>Returns at once while open; while closed, when the gate opens or the client goes away.</summary>
    public async Task PassAsync(CancellationToken aborted)
    {
        Task? opened;
        lock (gate)
        {
            opened = closed?.Task;
        }

        if (opened is null)
        {
            return;
        }

        Interlocked.Increment(ref waiting);
        try
        {
            await opened.WaitAsync(aborted);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }
}
