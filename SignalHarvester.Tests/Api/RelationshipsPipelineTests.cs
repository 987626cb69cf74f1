using System.Globalization;
using Npgsql;

namespace SignalHarvester.Tests.Api;

/// <summary>What the discovery run's relationship and topic-evolution stages stored from the embedded samples.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class RelationshipsPipelineTests(PopulatedStackFixture stack)
{
    private const string Links = """
        select f.source, f.source_id, t.source, t.source_id, r.relationship_type, r.detection_method, r.confidence
        from artifact_relationships r
        join artifacts f on f.id = r.source_artifact_id
        join artifacts t on t.id = r.target_artifact_id
        """;

    [Fact]
    public async Task Papers_repositories_and_stories_are_linked_by_ids_dois_and_urls()
    {
        var links = await LinksAsync();

        // Hacker News links the paper (arxiv.org URL) → discuss; a release names it (arXiv:…) → implement.
        Assert.Contains(links, l => l is { From: "hackernews", To: "arxiv", ToId: "2511.14902", Type: "discuss", Method: "arxiv_id", Confidence: 0.95 });
        Assert.Contains(links, l => l is { From: "github", To: "arxiv", ToId: "2511.14902", Type: "implement", Method: "arxiv_id" });
        // The paper points at its code on GitHub → reference, with the URL confidence.
        Assert.Contains(links, l => l is { From: "arxiv", FromId: "2511.14902", To: "github", ToId: "halcyon-ai/sparse-mixer", Type: "reference", Method: "github_url", Confidence: 0.90 });
        // A story linking doi.org reaches the paper with that DOI.
        Assert.Contains(links, l => l is { From: "hackernews", To: "arxiv", ToId: "2511.14866", Type: "discuss", Method: "doi" });
        // A story linking a repository discusses it.
        Assert.Contains(links, l => l is { From: "hackernews", To: "github", ToId: "kestrel-quantum/qubit-forge", Type: "discuss", Method: "github_url" });
        // Papers citing papers.
        Assert.Contains(links, l => l is { From: "arxiv", To: "arxiv", Type: "cite" });
        // Semantic links join similar artifacts of different sources.
        Assert.Contains(links, l => l is { Type: "related", Method: "semantic" });
        Assert.All(links.Where(l => l.Type == "related"), l => Assert.NotEqual(l.From, l.To));
        Assert.All(links, l => Assert.InRange(l.Confidence, 0, 1));
    }

    [Fact]
    public async Task Topics_have_similar_pairs_period_rows_and_emergence_events()
    {
        await using var db = await stack.OpenDatabaseAsync();
        Assert.True(await ScalarAsync(db, "select count(*) from topic_similarity") > 0);
        Assert.Equal(0, await ScalarAsync(db, "select count(*) from topic_similarity where similarity <= 0.5 or topic_a_id >= topic_b_id"));
        // Every topic with artifacts has a row for the current period; parents without artifacts have none.
        Assert.Equal(0, await ScalarAsync(db, """
            select count(*) from topics t where t.artifact_count > 0 and not exists (
              select 1 from topic_evolution e where e.topic_id = t.id and e.event_type is null and e.period_end > now())
            """));
        Assert.Equal(0, await ScalarAsync(db, """
            select count(*) from topic_evolution e join topics t on t.id = e.topic_id where t.artifact_count = 0 and e.event_type is null
            """));
        // The samples are all recent: topics with several artifacts are emerging.
        Assert.True(await ScalarAsync(db, "select count(*) from topic_evolution where event_type = 'emergence'") > 0);
    }

    [Fact]
    public async Task A_second_discovery_run_rewrites_no_relationship_similarity_or_evolution_row()
    {
        // The fixture's run took the 200 most engaged of the harvested posts (Discovery:Sources:X:MaxItems); a later run
        // also takes the recent rest (its window overlaps the last by 6 h): new input. One run first, so the run
        // measured here has nothing new, whichever tests of the collection ran discovery before this one.
        Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());
        var before = await StoredRowsAsync();
        Assert.Contains(before.Relationships, row => row.Contains("|related|", StringComparison.Ordinal));
        Assert.NotEmpty(before.Similarities);
        Assert.NotEmpty(before.Evolution);

        Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());

        // xmin changes whenever PostgreSQL rewrites a row, even with identical values.
        var after = await StoredRowsAsync();
        Assert.Equal(before.Relationships, after.Relationships);
        Assert.Equal(before.Similarities, after.Similarities);
        // Periods are calendar days: every row of the first run is untouched, and a run after midnight UTC
        // may only add rows of the period that began since (ids grow, so those come last).
        Assert.Equal(before.Evolution, after.Evolution.Take(before.Evolution.Count));
        var latestPeriod = before.Evolution.Max(row => row.Split('|')[^1]);
        Assert.All(after.Evolution.Skip(before.Evolution.Count), row => Assert.True(
            string.CompareOrdinal(row.Split('|')[^1], latestPeriod) > 0, $"{row} is not of a period after {latestPeriod}"));
    }

    private async Task<List<Link>> LinksAsync()
    {
        await using var db = await stack.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(Links, db);
        await using var reader = await command.ExecuteReaderAsync();
        var links = new List<Link>();
        while (await reader.ReadAsync())
        {
            links.Add(new Link(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetDouble(6)));
        }

        return links;
    }

    private async Task<(List<string> Relationships, List<string> Similarities, List<string> Evolution)> StoredRowsAsync()
    {
        await using var db = await stack.OpenDatabaseAsync();
        return (
            await RowsAsync(db, "select id, xmin::text, source_artifact_id, target_artifact_id, relationship_type, confidence, detection_method, metadata::text from artifact_relationships order by id"),
            await RowsAsync(db, "select topic_a_id, topic_b_id, xmin::text, similarity, computed_at from topic_similarity order by 1, 2"),
            // The period last: an ISO date, so it orders as text.
            await RowsAsync(db, "select id, xmin::text, topic_id, event_type, artifact_count, emergence_score, growth_rate, to_char(period_start at time zone 'UTC', 'YYYY-MM-DD') from topic_evolution order by id"));
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Link(string From, string FromId, string To, string ToId, string Type, string Method, double Confidence);
}
