using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>
/// Topic evolution: pairwise centroid similarity (pairs above <c>Discovery:Topics:SimilarityThreshold</c>
/// kept in <c>topic_similarity</c>), one <c>topic_evolution</c> row per topic for the current period
/// (the <c>WindowDays</c> calendar days ending today: artifact count, emergence score, log-linear
/// growth), and merge / split / emergence events. Values are rounded and written only when they
/// change, and an event is not repeated within its cooldown, so a rerun on the same day writes nothing.
/// </summary>
public sealed class EvolveTopicsStage(
    HarvestDbContext db,
    IOptions<TopicEvolutionOptions> options,
    TimeProvider clock,
    DiscoveryMetrics metrics,
    ILogger<EvolveTopicsStage> logger)
{
    private const int GrowthDecimals = 6;

    // Centroids are recomputed every run and may differ in their last bits; smaller changes are not news.
    private const double SimilarityTolerance = 1e-4;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var periodEnd = TopicGrowth.PeriodEnd(now);
        var periodStart = TopicGrowth.WindowStart(now, settings.WindowDays);

        var topics = await db.Topics.AsNoTracking()
            .Select(t => new { t.Id, t.Centroid })
            .ToListAsync(cancellationToken);
        var published = (await db.ArtifactTopics.AsNoTracking()
                .Select(l => new { l.TopicId, l.Artifact.PublishedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.TopicId, l => l.PublishedAt);
        // Topics a previous run already followed: for them a pair missing from topic_similarity was below the threshold.
        var followed = (await db.TopicEvolution.Where(e => e.EventType == null).Select(e => e.TopicId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        var similarities = TopicEvolutionRules.Similarities(topics
            .Where(t => t.Centroid is { Length: > 0 })
            .Select(t => new TopicCentroid(t.Id, t.Centroid!))
            .ToList());
        var stored = await db.TopicSimilarities.ToDictionaryAsync(s => (s.TopicAId, s.TopicBId), cancellationToken);
        var counts = topics.ToDictionary(t => t.Id, t => published[t.Id].Count());
        var pairEvents = TopicEvolutionRules.PairEvents(
            similarities,
            (a, b) => stored.TryGetValue((a, b), out var row) ? row.Similarity
                : followed.Contains(a) && followed.Contains(b) ? settings.SimilarityThreshold
                : null,
            counts,
            settings);
        var similarPairs = SynchroniseSimilarities(similarities, stored, settings, now);

        var currentRows = await db.TopicEvolution.Where(e => e.EventType == null && e.PeriodStart == periodStart).ToDictionaryAsync(e => e.TopicId, cancellationToken);
        var rows = new Dictionary<long, TopicEvolution>();
        var events = new List<TopicEvent>(pairEvents);
        foreach (var topic in topics.Where(t => counts[t.Id] > 0))
        {
            var daily = TopicGrowth.DailyCounts(published[topic.Id], now, settings.WindowDays);
            var windowCount = daily.Sum();
            var growth = Math.Round(TopicGrowth.LogLinearRate(daily), GrowthDecimals);
            var emergence = TopicGrowth.EmergenceScore(windowCount, counts[topic.Id], growth, settings);
            rows[topic.Id] = Upsert(currentRows.GetValueOrDefault(topic.Id), topic.Id, periodStart, periodEnd, windowCount, emergence, growth, now);
            if (TopicEvolutionRules.Emerges(emergence, windowCount, growth, settings))
            {
                events.Add(new TopicEvent(TopicEventTypes.Emergence, topic.Id, null));
            }
        }

        var recorded = await RecordEventsAsync(events, rows, settings, periodStart, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var group in recorded.GroupBy(e => e.EventType))
        {
            metrics.TopicEvents(group.Key, group.Count());
        }

        logger.LogInformation(
            "Evolved {Topics} topics for the period from {PeriodStart:yyyy-MM-dd}: {Pairs} similar pairs, {Events} new events ({Merges} merges, {Splits} splits, {Emergences} emergences)",
            rows.Count, periodStart, similarPairs, recorded.Count, recorded.Count(e => e.EventType == TopicEventTypes.Merge),
            recorded.Count(e => e.EventType == TopicEventTypes.Split), recorded.Count(e => e.EventType == TopicEventTypes.Emergence));
        return rows.Count;
    }

    // Inserts new similar pairs, updates changed ones, removes those no longer similar; returns how many are kept.
    private int SynchroniseSimilarities(
        IReadOnlyList<TopicPairSimilarity> similarities, Dictionary<(long, long), TopicSimilarity> stored, TopicEvolutionOptions settings, DateTimeOffset now)
    {
        var similar = similarities.Where(s => s.Similarity > settings.SimilarityThreshold).ToList();
        foreach (var pair in similar)
        {
            if (stored.Remove((pair.TopicAId, pair.TopicBId), out var row))
            {
                if (Math.Abs(row.Similarity - pair.Similarity) >= SimilarityTolerance)
                {
                    (row.Similarity, row.ComputedAt) = (pair.Similarity, now);
                }
            }
            else
            {
                db.TopicSimilarities.Add(new TopicSimilarity { TopicAId = pair.TopicAId, TopicBId = pair.TopicBId, Similarity = pair.Similarity, ComputedAt = now });
            }
        }

        db.TopicSimilarities.RemoveRange(stored.Values);
        return similar.Count;
    }

    private TopicEvolution Upsert(
        TopicEvolution? row, long topicId, DateTimeOffset periodStart, DateTimeOffset periodEnd, int windowCount, double emergence, double growth, DateTimeOffset now)
    {
        if (row is null)
        {
            row = new TopicEvolution { TopicId = topicId, PeriodStart = periodStart, PeriodEnd = periodEnd, CreatedAt = now };
            db.TopicEvolution.Add(row);
        }

        // Equal values leave the tracked row unmodified, so an unchanged period is not written.
        (row.ArtifactCount, row.EmergenceScore, row.GrowthRate) = (windowCount, emergence, growth);
        return row;
    }

    // Adds the events not already recorded for this period or within the cooldown; returns those added.
    private async Task<List<TopicEvent>> RecordEventsAsync(
        List<TopicEvent> events, Dictionary<long, TopicEvolution> rows, TopicEvolutionOptions settings, DateTimeOffset periodStart, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var cooldownStart = now.AddDays(-settings.EventCooldownDays);
        var recent = (await db.TopicEvolution.AsNoTracking()
                .Where(e => e.EventType != null && (e.CreatedAt >= cooldownStart || e.PeriodStart == periodStart))
                .Select(e => new { e.EventType, e.TopicId, e.RelatedTopicId })
                .ToListAsync(cancellationToken))
            .Select(e => new TopicEvent(e.EventType!, e.TopicId, e.RelatedTopicId))
            .ToHashSet();
        var added = new List<TopicEvent>();
        foreach (var topicEvent in events.Where(e => recent.Add(e)))
        {
            var activity = rows.GetValueOrDefault(topicEvent.TopicId);
            db.TopicEvolution.Add(new TopicEvolution
            {
                TopicId = topicEvent.TopicId,
                RelatedTopicId = topicEvent.RelatedTopicId,
                EventType = topicEvent.EventType,
                PeriodStart = periodStart,
                PeriodEnd = activity?.PeriodEnd ?? TopicGrowth.PeriodEnd(now),
                ArtifactCount = activity?.ArtifactCount ?? 0,
                EmergenceScore = activity?.EmergenceScore ?? 0,
                GrowthRate = activity?.GrowthRate,
                CreatedAt = now,
            });
            added.Add(topicEvent);
        }

        return added;
    }
}
