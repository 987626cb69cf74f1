using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Api.Entities;

/// <summary>
/// Pairs of active entities the resolver kept apart that may be the same: entities sharing a name
/// word are compared with the resolver's similarity; pairs at or above the threshold that nobody
/// has decided about yet are returned, most similar first.
/// </summary>
internal sealed class DuplicateFinder(HarvestDbContext db, EntitySimilarity similarity)
{
    // A name word shared by more entities than this ("university", "lab") says nothing; pairs are found through rarer words.
    private const int MaxBlockSize = 200;

    public async Task<IReadOnlyList<(ResearchEntity First, ResearchEntity Second, EntitySimilarityBreakdown Similarity)>> FindAsync(
        string? type, double minSimilarity, int limit, CancellationToken cancellationToken)
    {
        var query = db.Entities.AsNoTracking().Where(e => e.MergedIntoId == null);
        if (type is not null)
        {
            query = query.Where(e => e.EntityType == type);
        }

        var entities = await query.ToListAsync(cancellationToken);
        var decided = (await db.EntityMergeHistory.AsNoTracking()
                .Select(h => new { h.PrimaryEntityId, h.MergedEntityId })
                .ToListAsync(cancellationToken))
            .Select(h => Key(h.PrimaryEntityId, h.MergedEntityId))
            .ToHashSet();

        var blocks = new Dictionary<string, List<ResearchEntity>>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            foreach (var word in EntityNames.Tokens(entity.Name).Where(token => token.Length > 1).Distinct(StringComparer.Ordinal))
            {
                if (!blocks.TryGetValue(word, out var members))
                {
                    blocks[word] = members = [];
                }

                members.Add(entity);
            }
        }

        var seen = new HashSet<(long, long)>();
        var found = new List<(ResearchEntity, ResearchEntity, EntitySimilarityBreakdown)>();
        foreach (var members in blocks.Values.Where(m => m.Count is > 1 and <= MaxBlockSize))
        {
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    var (first, second) = members[i].Id < members[j].Id ? (members[i], members[j]) : (members[j], members[i]);
                    var key = Key(first.Id, second.Id);
                    if (decided.Contains(key) || !seen.Add(key))
                    {
                        continue;
                    }

                    var breakdown = similarity.Explain(EntityProfiles.Of(first), EntityProfiles.Of(second));
                    if (breakdown.Total >= minSimilarity)
                    {
                        found.Add((first, second, breakdown));
                    }
                }
            }
        }

        return found.OrderByDescending(p => p.Item3.Total).ThenBy(p => p.Item1.Id).ThenBy(p => p.Item2.Id).Take(limit).ToList();
    }

    private static (long, long) Key(long a, long b) => a < b ? (a, b) : (b, a);
}
