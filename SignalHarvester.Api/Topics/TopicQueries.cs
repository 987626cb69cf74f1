using Microsoft.EntityFrameworkCore;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Topics;

/// <summary>The topic reads more than one /topics endpoint shares: names by id, evolution events, artifacts per topic and day.</summary>
internal static class TopicQueries
{
    /// <summary>Topic names by id.</summary>
    public static Task<Dictionary<long, string>> NamesAsync(HarvestDbContext db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return db.Topics.AsNoTracking().Where(t => wanted.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
    }

    /// <summary>The newest <paramref name="limit"/> of <paramref name="rows"/> (merge and split events), with their topics named.</summary>
    public static async Task<List<TopicEventResponse>> EventsAsync(IQueryable<TopicEvolution> rows, HarvestDbContext db, int limit, CancellationToken cancellationToken)
    {
        var events = await rows.AsNoTracking()
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, events.Select(e => e.TopicId).Concat(events.Select(e => e.RelatedTopicId).OfType<long>()), cancellationToken);
        return events.Select(e => new TopicEventResponse(
                e.Id,
                e.EventType!,
                new TopicReference(e.TopicId, names[e.TopicId]),
                e.RelatedTopicId is { } related ? new TopicReference(related, names[related]) : null,
                e.PeriodStart,
                e.PeriodEnd,
                e.ArtifactCount,
                e.EmergenceScore,
                e.GrowthRate,
                e.CreatedAt))
            .ToList();
    }

    /// <summary>Per topic, its artifacts per UTC day since <paramref name="since"/> (day 0), counted by PostgreSQL.</summary>
    public static async Task<Dictionary<long, Dictionary<int, int>>> DayCountsAsync(
        NpgsqlDataSource dataSource, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // since is midnight UTC, so whole multiples of 86,400 s are UTC days.
        await using var command = dataSource.CreateCommand("""
            select l.topic_id, floor(extract(epoch from a.published_at - @since) / 86400)::int, count(*)::int
            from artifact_topics l join artifacts a on a.id = l.artifact_id
            where a.published_at >= @since
            group by 1, 2
            """);
        command.Parameters.AddWithValue("since", since);
        var days = new Dictionary<long, Dictionary<int, int>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var topic = reader.GetInt64(0);
            if (!days.TryGetValue(topic, out var counts))
            {
                days[topic] = counts = [];
            }

            counts[reader.GetInt32(1)] = reader.GetInt32(2);
        }

        return days;
    }
}
