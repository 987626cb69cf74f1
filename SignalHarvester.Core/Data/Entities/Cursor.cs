namespace SignalHarvester.Core.Data.Entities;

/// <summary>Where the next harvest of one configured query resumes (X's since_id).</summary>
public class Cursor
{
    public required string QueryName { get; set; }
    /// <summary>The newest post id seen for this query; null until the first page set is stored.</summary>
    public string? SinceId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
