namespace SignalHarvester.MigrationService;

internal sealed class MigrationOptions
{
    public const string Section = "Migrations";

    /// <summary>How long to keep trying to reach a database that is still starting.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 60;

    /// <summary>The advisory lock every migrating instance takes, so one applies and the others wait.</summary>
    public long AdvisoryLockKey { get; set; } = 0x5349_474E_414C; // "SIGNAL"
}
