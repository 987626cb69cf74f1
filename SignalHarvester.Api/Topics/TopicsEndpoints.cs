using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Api.Topics;

/// <summary>/api/v1/topics: the topic taxonomy in use, what is trending, and how topics evolve (timelines, periods, merges, splits).</summary>
public static class TopicsEndpoints
{
    private static readonly string[] Intervals = ["day", "week"];

    public static RouteGroupBuilder MapTopicsEndpoints(this RouteGroupBuilder api)
    {
        var topics = api.MapGroup("/topics").WithTags("Topics");
        topics.MapGet("/", ListAsync).WithName("ListTopics").WithSummary("Topics, most artifacts first");
        topics.MapGet("/trending", TrendingAsync).WithName("TrendingTopics").WithSummary("Topics picking up within a window, most emergent first")
            .CacheOutput(ResponseCacheTags.Topics);
        topics.MapGet("/stats", StatsAsync).WithName("TopicStats").WithSummary("Topic counts, trends, similar pairs and events");
        topics.MapGet("/merges", (HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken, int days = 30, int limit = 50) =>
                EventsAsync(TopicEventTypes.Merge, db, clock, days, limit, cancellationToken))
            .WithName("TopicMerges").WithSummary("Topics that converged into another, newest first");
        topics.MapGet("/splits", (HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken, int days = 30, int limit = 50) =>
                EventsAsync(TopicEventTypes.Split, db, clock, days, limit, cancellationToken))
            .WithName("TopicSplits").WithSummary("Topics that diverged from another, newest first");
        topics.MapGet("/{id:long}", GetAsync).WithName("GetTopic").WithSummary("One topic with its latest period and similar topics");
        topics.MapGet("/{id:long}/timeline", TimelineAsync).WithName("TopicTimeline").WithSummary("A topic's artifact counts per day or week");
        topics.MapGet("/{id:long}/evolution", EvolutionAsync).WithName("TopicEvolution").WithSummary("A topic's periods, trend and events");
        return api;
    }

    private static async Task<Results<Ok<List<TopicResponse>>, ValidationProblem>> ListAsync(
        HarvestDbContext db, CancellationToken cancellationToken, int limit = 100, int minArtifacts = 0)
    {
        var errors = new ValidationErrors();
        errors.Require(limit is >= 1 and <= 500, "limit", "must be between 1 and 500");
        errors.Require(minArtifacts >= 0, "minArtifacts", "must be 0 or more");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var topics = await db.Topics.AsNoTracking()
            .Where(t => t.ArtifactCount >= minArtifacts)
            .OrderByDescending(t => t.ArtifactCount).ThenBy(t => t.Name)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(topics.Select(TopicResponse.From).ToList());
    }

    private static async Task<Results<Ok<TopicDetailResponse>, ProblemHttpResult>> GetAsync(
        long id, HarvestDbContext db, IOptions<TopicEvolutionOptions> options, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (topic is null)
        {
            return TopicNotFound(id);
        }

        var latest = await db.TopicEvolution.AsNoTracking()
            .Where(e => e.TopicId == id && e.EventType == null)
            .OrderByDescending(e => e.PeriodStart)
            .FirstOrDefaultAsync(cancellationToken);
        var similar = await db.TopicSimilarities.AsNoTracking()
            .Where(s => s.TopicAId == id || s.TopicBId == id)
            .OrderByDescending(s => s.Similarity)
            .Take(10)
            .Select(s => new { OtherId = s.TopicAId == id ? s.TopicBId : s.TopicAId, s.Similarity })
            .ToListAsync(cancellationToken);
        var names = await TopicQueries.NamesAsync(db, similar.Select(s => s.OtherId), cancellationToken);
        return TypedResults.Ok(new TopicDetailResponse(
            TopicResponse.From(topic),
            latest is null ? null : Period(latest, options.Value),
            similar.Select(s => new SimilarTopicResponse(s.OtherId, names[s.OtherId], s.Similarity)).ToList()));
    }

    private static async Task<Results<Ok<TrendingTopicsResponse>, ValidationProblem>> TrendingAsync(
        HarvestDbContext db, NpgsqlDataSource dataSource, TimeProvider clock, IOptions<TopicEvolutionOptions> options, CancellationToken cancellationToken,
        int window = 14, int limit = 20)
    {
        var errors = new ValidationErrors();
        errors.Require(window is >= 1 and <= 90, "window", "must be between 1 and 90 (days)");
        errors.Require(limit is >= 1 and <= 200, "limit", "must be between 1 and 200");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var windowStart = TopicGrowth.WindowStart(now, window);
        var previousStart = windowStart.AddDays(-window);
        // Per topic, artifacts per UTC day since the previous window began (day 0), counted by PostgreSQL:
        // the rows themselves (tens of thousands at scale) never leave the database.
        var days = await TopicQueries.DayCountsAsync(dataSource, previousStart, cancellationToken);
        var ids = days.Keys.ToList();
        var topics = await db.Topics.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);

        var settings = options.Value;
        var trending = topics
            .Select(topic =>
            {
                var counts = days[topic.Id];
                var daily = Enumerable.Range(window, window).Select(day => counts.GetValueOrDefault(day)).ToArray();
                var inWindow = daily.Sum();
                var growth = TopicGrowth.LogLinearRate(daily);
                return new TrendingTopicResponse(
                    topic.Id, topic.Name, topic.DisplayName, inWindow,
                    counts.Where(c => c.Key < window).Sum(c => c.Value),
                    topic.ArtifactCount, Math.Round(growth, 6),
                    TopicGrowth.EmergenceScore(inWindow, Math.Max(topic.ArtifactCount, inWindow), growth, settings),
                    TopicTrends.Classify(growth, settings));
            })
            .Where(t => t.ArtifactsInWindow > 0)
            .OrderByDescending(t => t.EmergenceScore).ThenByDescending(t => t.ArtifactsInWindow).ThenBy(t => t.Id)
            .Take(limit)
            .ToList();
        return TypedResults.Ok(new TrendingTopicsResponse(window, trending));
    }

    private static async Task<Results<Ok<TopicTimelineResponse>, ValidationProblem, ProblemHttpResult>> TimelineAsync(
        long id, HarvestDbContext db, TimeProvider clock, CancellationToken cancellationToken, string interval = "day", int days = 90)
    {
        var errors = new ValidationErrors();
        errors.Require(Intervals.Contains(interval), "interval", "must be day or week");
        errors.Require(days is >= 1 and <= 365, "days", "must be between 1 and 365");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var topic = await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (topic is null)
        {
            return TopicNotFound(id);
        }

        var now = clock.GetUtcNow();
        var weekly = interval == "week";
        var first = BucketStart(TopicGrowth.WindowStart(now, days), weekly);
        var published = await db.ArtifactTopics.AsNoTracking()
            .Where(l => l.TopicId == id && l.Artifact.PublishedAt >= first)
            .Select(l => l.Artifact.PublishedAt)
            .ToListAsync(cancellationToken);
        var counts = published.CountBy(p => BucketStart(p, weekly)).ToDictionary(c => c.Key, c => c.Value);
        var buckets = new List<TimelineBucket>();
        for (var start = first; start <= now; start = start.AddDays(weekly ? 7 : 1))
        {
            buckets.Add(new TimelineBucket(start, counts.GetValueOrDefault(start)));
        }

        return TypedResults.Ok(new TopicTimelineResponse(id, topic.Name, interval, buckets.Sum(b => b.Count), buckets));
    }

    private static async Task<Results<Ok<TopicEvolutionResponse>, ValidationProblem, ProblemHttpResult>> EvolutionAsync(
        long id, HarvestDbContext db, IOptions<TopicEvolutionOptions> options, CancellationToken cancellationToken, int limit = 30)
    {
        if (new ValidationErrors().Require(limit is >= 1 and <= 365, "limit", "must be between 1 and 365") is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var topic = await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (topic is null)
        {
            return TopicNotFound(id);
        }

        var periods = await db.TopicEvolution.AsNoTracking()
            .Where(e => e.TopicId == id && e.EventType == null)
            .OrderByDescending(e => e.PeriodStart)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var events = await TopicQueries.EventsAsync(db.TopicEvolution.Where(e => e.EventType != null && (e.TopicId == id || e.RelatedTopicId == id)), db, limit, cancellationToken);
        var settings = options.Value;
        var responses = periods.Select(p => Period(p, settings)).ToList();
        return TypedResults.Ok(new TopicEvolutionResponse(id, topic.Name, responses.FirstOrDefault()?.Trend, responses, events));
    }

    private static async Task<Ok<TopicStatsResponse>> StatsAsync(HarvestDbContext db, IOptions<TopicEvolutionOptions> options, CancellationToken cancellationToken)
    {
        var topics = await db.Topics.CountAsync(cancellationToken);
        var inUse = await db.Topics.CountAsync(t => t.ArtifactCount > 0, cancellationToken);
        var assignments = await db.ArtifactTopics.CountAsync(cancellationToken);
        var similarPairs = await db.TopicSimilarities.CountAsync(cancellationToken);
        // Each topic's trend is that of its latest period.
        var latestGrowth = (await db.TopicEvolution.AsNoTracking()
                .Where(e => e.EventType == null)
                .Select(e => new { e.TopicId, e.PeriodStart, e.GrowthRate })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.TopicId)
            .Select(g => g.MaxBy(e => e.PeriodStart)!.GrowthRate);
        var byTrend = TopicTrends.All.ToDictionary(t => t, _ => 0);
        foreach (var growth in latestGrowth.OfType<double>())
        {
            byTrend[TopicTrends.Classify(growth, options.Value)]++;
        }

        var events = await db.TopicEvolution.Where(e => e.EventType != null)
            .GroupBy(e => e.EventType!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var lastEvolvedAt = await db.TopicEvolution.MaxAsync(e => (DateTimeOffset?)e.CreatedAt, cancellationToken);
        return TypedResults.Ok(new TopicStatsResponse(
            topics, inUse, assignments, similarPairs, byTrend,
            TopicEventTypes.All.ToDictionary(t => t, t => events.GetValueOrDefault(t)), lastEvolvedAt));
    }

    private static async Task<Results<Ok<List<TopicEventResponse>>, ValidationProblem>> EventsAsync(
        string eventType, HarvestDbContext db, TimeProvider clock, int days, int limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(days is >= 1 and <= 365, "days", "must be between 1 and 365");
        errors.Require(limit is >= 1 and <= 200, "limit", "must be between 1 and 200");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var since = clock.GetUtcNow().AddDays(-days);
        return TypedResults.Ok(await TopicQueries.EventsAsync(db.TopicEvolution.Where(e => e.EventType == eventType && e.CreatedAt >= since), db, limit, cancellationToken));
    }

    private static TopicPeriodResponse Period(TopicEvolution row, TopicEvolutionOptions options) => new(
        row.PeriodStart, row.PeriodEnd, row.ArtifactCount, row.EmergenceScore, row.GrowthRate,
        row.GrowthRate is { } growth ? TopicTrends.Classify(growth, options) : null);

    // Midnight UTC of the day, or of the Monday of the week.
    private static DateTimeOffset BucketStart(DateTimeOffset time, bool weekly)
    {
        var day = time.UtcDateTime.Date;
        return new DateTimeOffset(weekly ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : day, TimeSpan.Zero);
    }

    private static ProblemHttpResult TopicNotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Topic not found", detail: $"No topic with id {id}.");

}
