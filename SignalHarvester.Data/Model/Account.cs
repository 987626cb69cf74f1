namespace SignalHarvester.Data.Model;

/// <summary>An account on a source platform (x, github, arxiv, hn), optionally tied to an entity.</summary>
public class Account
{
    public long Id { get; set; }
    public long? EntityId { get; set; }
    public required string Platform { get; set; }
    public required string Handle { get; set; }
    public string? DisplayName { get; set; }
    public string? Url { get; set; }
    /// <summary>A known expert account; raises the expert bonus of the discovery score.</summary>
    public bool IsExpert { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
