using System.Diagnostics;
using System.Globalization;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Signals;
using Xunit.Abstractions;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// R1: the fake X failing about 30 % of searches (429 with a reset, 500, 503, no answer, truncated and garbage bodies),
/// posts with a NUL in their text, and the worker killed in the middle of a run at least 5 times. After every run: no
/// post stored twice, no cursor past an unstored post, no engagement lowered; the run after the last fault stores
/// every good post. The fault sequence is seeded (<see cref="Seed"/>): a failure replays with the same seed.
/// </summary>
[Collection(FaultRecoveryCollection.Name)]
public sealed class ChaosHarvestTests(DatabaseOutageStackFixture stack, ITestOutputHelper output)
{
    public const int Seed = 1313;
    private const double FaultRate = 0.3;
    private const int Kills = 5;
    private const int MaxRounds = 20;
    private const int NewPostsPerRound = 14; // a page of 10 and one of 4: a kill can land between them

    [Fact]
    public async Task Every_good_post_is_stored_exactly_once_through_x_faults_and_worker_kills()
    {
        var chaos = new XChaos(Seed, FaultRate);
        var soak = new ChaosHarvest(stack, chaos, NewPostsPerRound, output.WriteLine);
        var clock = Stopwatch.StartNew();
        try
        {
            // Kills until five have landed; then rounds without, until every kind of fault has been dealt.
            for (var round = 0; round < MaxRounds && !(soak.Kills >= Kills && chaos.DealtEveryFault); round++)
            {
                await soak.RoundAsync(kill: soak.Kills < Kills);
            }

            Assert.True(soak.Kills >= Kills, $"only {soak.Kills} kills landed in {MaxRounds} rounds");
            Assert.True(chaos.DealtEveryFault, $"not every kind of fault was dealt in {MaxRounds} rounds: {chaos}");
            await soak.FinishCleanlyAsync();
        }
        finally
        {
            await soak.DisposeAsync();
        }

        output.WriteLine($"{soak} in {clock.Elapsed.TotalSeconds:F0} s");
    }
}
