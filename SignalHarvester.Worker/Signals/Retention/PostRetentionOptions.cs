using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Worker.Signals.Retention;

/// <summary>How long stored posts and their raw X payloads are kept; bound from <c>Harvest:Retention</c>.</summary>
public sealed class PostRetentionOptions
{
    public const string SectionName = "Harvest:Retention";

    /// <summary>When the retention job runs (cron, UTC): daily, at a quiet hour.</summary>
    public string Schedule { get; set; } = "30 3 * * *";

    /// <summary>Posts created longer ago than this are archived, then deleted; 0 keeps every post.</summary>
    public int PostMaxAgeDays { get; set; } = 365;

    /// <summary>The raw X payload of posts older than this is archived, then cleared (no response shows it); 0 keeps them.</summary>
    public int RawPayloadMaxAgeDays { get; set; } = 30;

    /// <summary>Posts per archive file and per transaction.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Where archives are written; null or blank means <c>archive</c> under the snapshot directory.</summary>
    public string? Directory { get; set; }

    public string ResolveDirectory(SnapshotOptions snapshots) =>
        string.IsNullOrWhiteSpace(Directory) ? Path.Combine(snapshots.ResolveDirectory(), "archive") : Directory;
}
