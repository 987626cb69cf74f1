using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>
/// Score: the discovery score and its components for every artifact that has none, changed since
/// its score, in a topic that gained artifacts since, or scored more than 20 hours ago; the
/// components are stored so the API
/// can explain each score. Novelty is measured against the artifact's main topic centroid.
/// </summary>
public sealed class ScoreArtifactsStage(
    HarvestDbContext db,
    NpgsqlDataSource dataSource,
    DiscoveryScorer scorer,
    TimeProvider clock,
    DiscoveryMetrics metrics,
    ILogger<ScoreArtifactsStage> logger)
{
    // Scores decay with age: a daily run refreshes all of them, a rerun within the day only what changed.
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromHours(20);

    // Scored and saved this many at a time, so memory holds one batch of artifacts, never the table.
    private const int BatchSize = 2000;

    // Every artifact's keys and text, streamed: what points at what (CrossSourceMentions).
    private const string MentionSources = "select source, origin, url, text from artifacts";

    // A batch of scores is bulk-loaded with binary COPY into a temporary table, then merged with one
    // INSERT … ON CONFLICT: one round trip per batch instead of a statement per row.
    private const string CreateBatchTable = """
        create temp table score_batch (
            artifact_id bigint primary key, novelty double precision not null, emergence double precision not null,
            obscurity double precision not null, cross_source_bonus double precision not null, expert_bonus double precision not null,
            recency_factor double precision not null, discovery_score double precision not null
        ) on commit drop
        """;

    private const string CopyBatch = """
        copy score_batch (artifact_id, novelty, emergence, obscurity, cross_source_bonus, expert_bonus, recency_factor, discovery_score)
        from stdin (format binary)
        """;

    private const string Merge = """
        insert into scores (artifact_id, novelty, emergence, obscurity, cross_source_bonus, expert_bonus, recency_factor,
                            discovery_score, config_version, computed_at)
        select artifact_id, novelty, emergence, obscurity, cross_source_bonus, expert_bonus, recency_factor,
               discovery_score, @config_version, @computed_at
        from score_batch
        on conflict (artifact_id) do update set
            novelty = excluded.novelty, emergence = excluded.emergence, obscurity = excluded.obscurity,
            cross_source_bonus = excluded.cross_source_bonus, expert_bonus = excluded.expert_bonus,
            recency_factor = excluded.recency_factor, discovery_score = excluded.discovery_score,
            config_version = excluded.config_version, computed_at = excluded.computed_at
        """;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var refreshBefore = now - RefreshAfter;
        var stale = await db.Artifacts.AsNoTracking()
            .Where(a => a.Score == null
                        || a.Score.ComputedAt < refreshBefore
                        || a.UpdatedAt > a.Score.ComputedAt
                        || a.Topics.Any(t => t.Topic.LastSeenAt > a.Score.ComputedAt || t.AssignedAt > a.Score.ComputedAt))
            .OrderBy(a => a.Id)
            .Select(a => new MentionedArtifact(a.Id, a.Source, a.Origin, a.SourceId, a.Url))
            .ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            return 0;
        }

        var mentions = await CrossSourceMentionsAsync(stale, cancellationToken);
        var activity = await TopicActivityAsync(now, cancellationToken);
        var centroids = await db.Topics.AsNoTracking().Where(t => t.Centroid != null).ToDictionaryAsync(t => t.Id, t => t.Centroid!, cancellationToken);
        foreach (var batch in stale.Chunk(BatchSize))
        {
            var ids = batch.Select(a => a.Id).ToArray();
            var items = await db.Artifacts.AsNoTracking()
                .Where(a => ids.Contains(a.Id))
                .Select(a => new
                {
                    a.Id,
                    a.Source,
                    a.PublishedAt,
                    a.Title,
                    a.Text,
                    a.Embedding,
                    MainTopicId = a.Topics.OrderByDescending(t => t.Confidence).Select(t => (long?)t.TopicId).FirstOrDefault(),
                    Expert = db.ArtifactEntities.Any(l => l.ArtifactId == a.Id && l.Entity.ExpertiseScore >= 0.5),
                })
                .ToListAsync(cancellationToken);
            var scores = items.Select(item =>
            {
                var (total, last7, previous7) = item.MainTopicId is { } id && activity.TryGetValue(id, out var counts) ? counts : (0, 0, 0);
                return (item.Id, Components: scorer.Score(new DiscoveryScoreInput(
                    item.Source, item.PublishedAt, item.Title, item.Text,
                    item.Embedding, item.MainTopicId is { } topicId ? centroids.GetValueOrDefault(topicId) : null, total, last7, previous7,
                    mentions.GetValueOrDefault(item.Id), item.Expert), now));
            }).ToList();
            await SaveAsync(scores, now, cancellationToken);
        }

        metrics.Scored(stale.Count);
        logger.LogInformation("Scored {Count} artifacts", stale.Count);
        return stale.Count;
    }

    private async Task SaveAsync(IReadOnlyList<(long ArtifactId, DiscoveryScoreComponents Components)> scores, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(CreateBatchTable, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(CopyBatch, cancellationToken))
        {
            foreach (var (artifactId, c) in scores)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(artifactId, NpgsqlDbType.Bigint, cancellationToken);
                foreach (var value in (double[])[c.Novelty, c.Emergence, c.Obscurity, c.CrossSourceBonus, c.ExpertBonus, c.RecencyFactor, c.Score])
                {
                    await writer.WriteAsync(value, NpgsqlDbType.Double, cancellationToken);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var merge = new NpgsqlCommand(Merge, connection, transaction))
        {
            merge.Parameters.AddWithValue("config_version", scorer.ConfigVersion);
            merge.Parameters.AddWithValue("computed_at", now);
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // Other sources whose artifacts (of the same origin) point at each stale one: every artifact's text read once.
    private async Task<IReadOnlyDictionary<long, int>> CrossSourceMentionsAsync(IEnumerable<MentionedArtifact> stale, CancellationToken cancellationToken)
    {
        var mentions = new CrossSourceMentions(stale);
        await using var command = dataSource.CreateCommand(MentionSources);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            mentions.Observe(reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return mentions.Counts();
    }

    // Per topic: all artifacts, those published in the last 7 days, and in the 7 days before.
    private async Task<Dictionary<long, (int Total, int Last7, int Previous7)>> TopicActivityAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var weekAgo = now.AddDays(-7);
        var twoWeeksAgo = now.AddDays(-14);
        var rows = await db.ArtifactTopics
            .GroupBy(l => l.TopicId)
            .Select(g => new
            {
                TopicId = g.Key,
                Total = g.Count(),
                Last7 = g.Count(l => l.Artifact.PublishedAt >= weekAgo),
                Previous7 = g.Count(l => l.Artifact.PublishedAt >= twoWeeksAgo && l.Artifact.PublishedAt < weekAgo),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.TopicId, r => (r.Total, r.Last7, r.Previous7));
    }
}
