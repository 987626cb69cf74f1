namespace SignalHarvester.Tests.Reliability;

/// <summary>A test that runs only when asked for by <c>bench/run.sh soak</c> (it sets <see cref="MinutesVariable"/>): too long for CI.</summary>
public sealed class SoakFactAttribute : FactAttribute
{
    public const string MinutesVariable = "SIGNALHARVESTER_SOAK_MINUTES";
    public const string SeedVariable = "SIGNALHARVESTER_SOAK_SEED";

    public SoakFactAttribute()
    {
        if (Minutes is null)
        {
            Skip = $"a soak: runs with {MinutesVariable} set (bench/run.sh soak)";
        }
    }

    public static double? Minutes =>
        double.TryParse(Environment.GetEnvironmentVariable(MinutesVariable), System.Globalization.CultureInfo.InvariantCulture, out var minutes) ? minutes : null;

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : ChaosHarvestTests.Seed;
}
