namespace SignalHarvester.ServiceDefaults.Health;

/// <summary>Which health endpoint runs a check: live (process up), ready (can serve), startup (ready and schema current).</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
    public const string Startup = "startup";
}
