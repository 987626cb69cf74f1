using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Labels;

/// <summary>The reads more than one /labels endpoint shares.</summary>
internal static class LabelQueries
{
    /// <summary>Labels, optionally of one value and one annotator: what the list and the export select.</summary>
    public static IQueryable<DiscoveryLabel> Filter(HarvestDbContext db, string? label, string? annotator)
    {
        var query = db.DiscoveryLabels.AsNoTracking();
        if (label is not null)
        {
            query = query.Where(l => l.Label == label);
        }

        return annotator is null ? query : query.Where(l => l.Annotator == annotator);
    }
}
