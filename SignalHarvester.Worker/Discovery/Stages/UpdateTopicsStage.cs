using Microsoft.EntityFrameworkCore;
using SignalHarvester.Core.Data;
using SignalHarvester.Core.Discovery;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>
/// Topics: each topic's centroid is the recency-weighted mean of its artifacts' embeddings
/// (half-life 14 days), and its artifact count and first / last seen times are brought up to date.
/// Novelty is measured against these centroids.
/// </summary>
public sealed class UpdateTopicsStage(HarvestDbContext db, TimeProvider clock, ILogger<UpdateTopicsStage> logger)
{
    private const double CentroidHalfLifeHours = 14 * 24;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var members = await db.ArtifactTopics
            .Select(l => new { l.TopicId, l.Artifact.Embedding, l.Artifact.PublishedAt })
            .ToListAsync(cancellationToken);
        var byTopic = members.ToLookup(m => m.TopicId);
        var topics = await db.Topics.ToListAsync(cancellationToken);
        foreach (var topic in topics)
        {
            var artifacts = byTopic[topic.Id].ToList();
            topic.ArtifactCount = artifacts.Count;
            if (artifacts.Count == 0)
            {
                continue;
            }

            topic.FirstSeenAt = artifacts.Min(a => a.PublishedAt);
            topic.LastSeenAt = artifacts.Max(a => a.PublishedAt);
            var vectors = artifacts.Where(a => a.Embedding is { Length: > 0 })
                .Select(a => (a.Embedding!, VectorMath.RecencyWeight((now - a.PublishedAt).TotalHours, CentroidHalfLifeHours)))
                .ToList();
            if (vectors.Count > 0)
            {
                topic.Centroid = VectorMath.Centroid(vectors);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Updated {Count} topics", topics.Count);
        return topics.Count;
    }
}
