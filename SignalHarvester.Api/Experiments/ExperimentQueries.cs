using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Experiments;

/// <summary>The reads more than one /experiments endpoint shares.</summary>
internal static class ExperimentQueries
{
    /// <summary>Each experiment's latest run (by start, then id), for those that have one.</summary>
    public static async Task<Dictionary<long, ExperimentRun>> LatestRunsAsync(HarvestDbContext db, IEnumerable<long> experimentIds, CancellationToken cancellationToken)
    {
        var ids = experimentIds.Distinct().ToList();
        var runs = await db.ExperimentRuns.AsNoTracking().Where(r => ids.Contains(r.ExperimentId))
            .GroupBy(r => r.ExperimentId)
            .Select(g => g.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).First())
            .ToListAsync(cancellationToken);
        return runs.ToDictionary(r => r.ExperimentId);
    }
}
