using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Discovery.Sources;

namespace SignalHarvester.Tests.Discovery;

public sealed class RequestPacerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private readonly TimerRecordingClock clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_first_request_to_a_host_goes_at_once_and_the_next_waits_the_rest_of_the_interval()
    {
        var pacer = new RequestPacer(clock);
        Assert.True(pacer.WaitTurnAsync(new Uri("https://export.arxiv.org/api/query"), Interval, CancellationToken.None).IsCompletedSuccessfully);
        clock.Advance(TimeSpan.FromSeconds(1));

        var second = pacer.WaitTurnAsync(new Uri("https://export.arxiv.org/api/query?start=100"), Interval, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextTimerAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Hosts_are_paced_separately()
    {
        var pacer = new RequestPacer(clock);
        await pacer.WaitTurnAsync(new Uri("https://export.arxiv.org/"), Interval, CancellationToken.None);

        var otherHost = pacer.WaitTurnAsync(new Uri("https://arxiv.example.org/"), Interval, CancellationToken.None);
        var otherPort = pacer.WaitTurnAsync(new Uri("https://export.arxiv.org:8443/"), Interval, CancellationToken.None);

        Assert.True(otherHost.IsCompletedSuccessfully);
        Assert.True(otherPort.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_wait_frees_the_host_without_claiming_it()
    {
        var pacer = new RequestPacer(clock);
        var host = new Uri("https://export.arxiv.org/");
        await pacer.WaitTurnAsync(host, Interval, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var abandoned = pacer.WaitTurnAsync(host, Interval, cancel.Token);
        await clock.NextTimerAsync().WaitAsync(TimeSpan.FromSeconds(30));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        clock.Advance(Interval);
        Assert.True(pacer.WaitTurnAsync(host, Interval, CancellationToken.None).IsCompletedSuccessfully);
    }
}
