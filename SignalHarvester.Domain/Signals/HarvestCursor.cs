namespace SignalHarvester.Domain.Signals;

/// <summary>
/// Where a query's harvest stands. <see cref="SinceId"/> only moves once every page of a harvest is
/// stored; until then <see cref="PaginationToken"/> says where to resume and
/// <see cref="PendingNewestId"/> what SinceId becomes when the harvest completes.
/// </summary>
public sealed record HarvestCursor(string? SinceId, string? PendingNewestId, string? PaginationToken)
{
    public static readonly HarvestCursor Start = new(null, null, null);

    public bool Resuming => PaginationToken is not null;

    /// <summary>The cursor after storing a page whose newest id is <paramref name="pageNewestId"/>.</summary>
    public HarvestCursor AfterPage(string? pageNewestId, string? nextToken)
    {
        // The first page of a harvest carries the newest post of the whole harvest.
        var harvestNewest = Resuming ? PendingNewestId : pageNewestId;
        return nextToken is null
            ? new HarvestCursor(harvestNewest ?? SinceId, null, null)
            : new HarvestCursor(SinceId, harvestNewest, nextToken);
    }
}
