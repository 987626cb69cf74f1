namespace SignalHarvester.Data.Model;

/// <summary>
/// What one source (x, arxiv, github, hackernews, llm, slack) is running as, written by the worker
/// when it starts and after each run that used the source, so operators can see it through the API.
/// </summary>
public class SourceStatus
{
    /// <summary>The source's name (one row per source, shared by every worker replica).</summary>
    public required string Name { get; set; }

    /// <summary>The mode configuration asked for: live, sample or off.</summary>
    public required string ConfiguredMode { get; set; }

    /// <summary>The mode in effect: live, sample or off (live without its credential is off).</summary>
    public required string Mode { get; set; }

    /// <summary>Why the source runs the way it does, in a sentence (never a credential).</summary>
    public string? Detail { get; set; }

    /// <summary>The base URL it talks to; null when it talks to nothing.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Whether its credential is set; null for a source that needs none.</summary>
    public bool? CredentialConfigured { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>Items the last run fetched, classified or sent.</summary>
    public int? LastRunItems { get; set; }

    /// <summary>The last run's error, or null when it succeeded.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
