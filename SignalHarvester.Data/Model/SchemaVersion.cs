namespace SignalHarvester.Data.Model;

/// <summary>One row per applied migration, so operators see a plain version number.</summary>
public class SchemaVersion
{
    public int Version { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
}
