using Microsoft.EntityFrameworkCore;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>
/// Topics: each topic's centroid is the recency-weighted mean of its artifacts' embeddings
/// (half-life 14 days), and its artifact count and first / last seen times are brought up to date.
/// Novelty is measured against these centroids.
/// </summary>
public sealed class UpdateTopicsStage(HarvestDbContext db, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<UpdateTopicsStage> logger)
{
    private const double CentroidHalfLifeHours = 14 * 24;

    // Streamed in a fixed order (so a centroid's last bits do not depend on the plan) and summed as it
    // comes: memory holds one row at a time, never every artifact's embedding.
    private const string Members = """
        select l.topic_id, a.embedding, a.published_at
        from artifact_topics l join artifacts a on a.id = l.artifact_id
        order by l.topic_id, l.artifact_id
        """;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var topics = await db.Topics.ToListAsync(cancellationToken);
        var seen = new Dictionary<long, (int Count, DateTimeOffset First, DateTimeOffset Last, VectorMath.CentroidSum Centroid, bool Embedded)>();
        await using (var command = dataSource.CreateCommand(Members))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (topicId, publishedAt) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(2));
                var (count, first, last, centroid, embedded) = seen.TryGetValue(topicId, out var known)
                    ? known
                    : (0, publishedAt, publishedAt, new VectorMath.CentroidSum(), false);
                if (!reader.IsDBNull(1) && reader.GetFieldValue<float[]>(1) is { Length: > 0 } embedding)
                {
                    centroid.Add(embedding, VectorMath.RecencyWeight((now - publishedAt).TotalHours, CentroidHalfLifeHours));
                    embedded = true;
                }

                seen[topicId] = (count + 1, publishedAt < first ? publishedAt : first, publishedAt > last ? publishedAt : last, centroid, embedded);
            }
        }

        foreach (var topic in topics)
        {
            if (!seen.TryGetValue(topic.Id, out var artifacts))
            {
                topic.ArtifactCount = 0;
                continue;
            }

            (topic.ArtifactCount, topic.FirstSeenAt, topic.LastSeenAt) = (artifacts.Count, artifacts.First, artifacts.Last);
            if (artifacts.Embedded)
            {
                topic.Centroid = artifacts.Centroid.Centroid();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Updated {Count} topics", topics.Count);
        return topics.Count;
    }
}
