using System.Diagnostics;
using SignalHarvester.Tests.Fakes;
using Xunit.Abstractions;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// R1 for as long as asked (an hour by default from <c>bench/run.sh soak</c>): the rounds of <see cref="ChaosHarvestTests"/>,
/// with a kill in about half of them, until the time is up, then the clean finish; its output has every round's counts.
/// </summary>
[Collection(FaultRecoveryCollection.Name)]
public sealed class ChaosHarvestSoak(DatabaseOutageStackFixture stack, ITestOutputHelper output)
{
    [SoakFact]
    public async Task Every_good_post_is_stored_exactly_once_for_the_whole_soak()
    {
        var until = TimeSpan.FromMinutes(SoakFactAttribute.Minutes ?? 0);
        Action<string> log = output.WriteLine;
        var soak = new ChaosHarvest(stack, new XChaos(SoakFactAttribute.Seed, 0.3), 14, log);
        var kills = new Random(SoakFactAttribute.Seed);
        var clock = Stopwatch.StartNew();
        try
        {
            while (clock.Elapsed < until)
            {
                await soak.RoundAsync(kill: kills.Next(2) == 0);
                log($"{clock.Elapsed:hh\\:mm\\:ss} {soak}");
            }

            await soak.FinishCleanlyAsync();
        }
        finally
        {
            await soak.DisposeAsync();
        }

        log($"soak done in {clock.Elapsed:hh\\:mm\\:ss}: {soak}");
    }
}
