using Microsoft.EntityFrameworkCore;
using Npgsql;
using SignalHarvester.Core.Data;
using SignalHarvester.Core.Data.Entities;
using SignalHarvester.Core.Discovery;

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

    // Other sources whose artifacts (of the same origin) point at this one (its URL or its id in their text or URL).
    private const string CrossSourceMentions = """
        select a.id, count(distinct b.source)
        from artifacts a
        join artifacts b on b.source <> a.source and b.origin = a.origin
          and (b.url = a.url
               or (length(a.source_id) >= 8 and (strpos(b.text, a.source_id) > 0 or strpos(b.url, a.source_id) > 0)))
        where a.id = any(@ids)
        group by a.id
        """;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var refreshBefore = now - RefreshAfter;
        var stale = await db.Artifacts
            .Where(a => a.Score == null
                        || a.Score.ComputedAt < refreshBefore
                        || a.UpdatedAt > a.Score.ComputedAt
                        || a.Topics.Any(t => t.Topic.LastSeenAt > a.Score.ComputedAt || t.AssignedAt > a.Score.ComputedAt))
            .Select(a => new
            {
                Artifact = a,
                a.Score,
                MainTopic = a.Topics.OrderByDescending(t => t.Confidence).Select(t => t.Topic).FirstOrDefault(),
                Expert = db.ArtifactEntities.Any(l => l.ArtifactId == a.Id && l.Entity.ExpertiseScore >= 0.5),
            })
            .ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            return 0;
        }

        var mentions = await CrossSourceMentionsAsync(stale.Select(s => s.Artifact.Id).ToArray(), cancellationToken);
        var activity = await TopicActivityAsync(now, cancellationToken);
        foreach (var item in stale)
        {
            var topicId = item.MainTopic?.Id;
            var (total, last7, previous7) = topicId is { } id && activity.TryGetValue(id, out var counts) ? counts : (0, 0, 0);
            var components = scorer.Score(new DiscoveryScoreInput(
                item.Artifact.Source, item.Artifact.PublishedAt, item.Artifact.Title, item.Artifact.Text,
                item.Artifact.Embedding, item.MainTopic?.Centroid, total, last7, previous7,
                mentions.GetValueOrDefault(item.Artifact.Id), item.Expert), now);
            var score = item.Score ?? new ArtifactScore { ArtifactId = item.Artifact.Id };
            (score.Novelty, score.Emergence, score.Obscurity) = (components.Novelty, components.Emergence, components.Obscurity);
            (score.CrossSourceBonus, score.ExpertBonus, score.RecencyFactor) = (components.CrossSourceBonus, components.ExpertBonus, components.RecencyFactor);
            (score.DiscoveryScore, score.ComputedAt, score.ConfigVersion) = (components.Score, now, scorer.ConfigVersion);
            if (item.Score is null)
            {
                db.Scores.Add(score);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        metrics.Scored(stale.Count);
        logger.LogInformation("Scored {Count} artifacts", stale.Count);
        return stale.Count;
    }

    private async Task<Dictionary<long, int>> CrossSourceMentionsAsync(long[] ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CrossSourceMentions);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var mentions = new Dictionary<long, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            mentions[reader.GetInt64(0)] = (int)reader.GetInt64(1);
        }

        return mentions;
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
