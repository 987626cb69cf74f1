using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Data.Model;

/// <summary>Where the next harvest of one configured query resumes (X's since_id).</summary>
public class Cursor
{
    public required string QueryName { get; set; }
    /// <summary>Live and sample harvests of the same query keep separate cursors, so switching never mixes them.</summary>
    public string Origin { get; set; } = DataOrigin.Live;
    /// <summary>The newest post id seen for this query; null until the first page set is stored.</summary>
    public string? SinceId { get; set; }
    /// <summary>
    /// While a paginated harvest is unfinished (page budget spent, rate limited, crashed): the newest
    /// id of that harvest, which becomes <see cref="SinceId"/> only once every older page is stored.
    /// </summary>
    public string? PendingNewestId { get; set; }
    /// <summary>X's next_token for the first page not yet stored; the next run resumes there.</summary>
    public string? PaginationToken { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
