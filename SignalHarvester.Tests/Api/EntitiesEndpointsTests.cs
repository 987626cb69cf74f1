using System.Net;
using System.Text.Json;
using Npgsql;
using SignalHarvester.Domain.Discovery;
using static SignalHarvester.Tests.Api.Sql;

namespace SignalHarvester.Tests.Api;

/// <summary>/api/v1/entities on the populated stack: the entities the discovery run resolved, plus pairs each test creates for itself.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class EntitiesEndpointsTests(PopulatedStackFixture stack)
{
    private KeyedApiClient Api() => new(stack.CreateApiClient(), stack.ApiKey);

    [Fact]
    public async Task List_filters_by_type_and_pages_and_names_bad_parameters()
    {
        using var api = Api();
        var page = await api.OkAsync("/api/v1/entities?type=person&pageSize=5");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 1, 5);
        Assert.Equal(5, page.GetProperty("pageSize").GetInt32());
        Assert.True(page.GetProperty("total").GetInt32() >= items.Count);
        Assert.All(items, e => Assert.Equal("person", e.GetProperty("type").GetString()));
        Assert.All(items, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("mergedIntoId").ValueKind));

        await api.InvalidAsync(HttpMethod.Get, "/api/v1/entities?type=robot&pageSize=500&page=0", null, "type", "pageSize", "page");
    }

    [Fact]
    public async Task Search_reaches_its_own_handler_and_finds_a_person_written_last_name_first_with_an_initial()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var (id, name) = await SingleAsync(db,
            "SELECT id, name FROM entities WHERE entity_type = 'person' AND merged_into_id IS NULL AND name LIKE '% %' ORDER BY id LIMIT 1",
            r => (r.GetInt64(0), r.GetString(1)));
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var variant = $"{words[^1]}, {words[0][0]}."; // "Smith, J." for "John Smith"

        using var api = Api();
        var result = await api.OkAsync($"/api/v1/entities/search?q={Uri.EscapeDataString(variant)}&type=person");
        Assert.Equal(variant, result.GetProperty("query").GetString());
        Assert.Equal(EntityNames.Normalize(variant), result.GetProperty("normalizedQuery").GetString());
        var hits = result.GetProperty("items").EnumerateArray().ToList();
        var hit = Assert.Single(hits, h => h.GetProperty("entity").GetProperty("id").GetInt64() == id);
        // A family name with the first initial is compatible by initials: 0.8 (docs/discovery.md, entity resolution).
        Assert.Equal(0.8, hit.GetProperty("similarity").GetDouble(), 4);
        var similarities = hits.Select(h => h.GetProperty("similarity").GetDouble()).ToList();
        Assert.Equal(similarities.OrderByDescending(s => s), similarities);

        // A bad query is a 400 from the search handler itself, never a /{id} 400 or 404.
        var problem = await api.InvalidAsync(HttpMethod.Get, "/api/v1/entities/search", null, "q");
        Assert.False(problem.GetProperty("errors").TryGetProperty("id", out _));
        await api.InvalidAsync(HttpMethod.Get, "/api/v1/entities/search?q=J.&limit=0", null, "q", "limit");
    }

    [Fact]
    public async Task Stats_add_up()
    {
        using var api = Api();
        var stats = await api.OkAsync("/api/v1/entities/stats");
        var total = stats.GetProperty("total").GetInt32();
        var active = stats.GetProperty("active").GetInt32();
        Assert.True(total > 0);
        Assert.Equal(total, active + stats.GetProperty("merged").GetInt32());
        var byType = stats.GetProperty("byType");
        Assert.Equal(active, new[] { "person", "lab", "org" }.Sum(t => byType.GetProperty(t).GetInt32()));
        var top = stats.GetProperty("topByArtifacts").EnumerateArray().Select(e => e.GetProperty("artifactCount").GetInt32()).ToList();
        Assert.NotEmpty(top);
        Assert.Equal(top.OrderByDescending(c => c), top);
        Assert.True(stats.GetProperty("decisions").TryGetProperty("needs_review", out _));
    }

    [Fact]
    public async Task Get_and_artifacts_of_a_resolved_entity_match_its_links_and_unknown_ids_are_404()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var (id, artifacts, links) = await SingleAsync(db,
            """
            SELECT entity_id, count(DISTINCT artifact_id), count(*) FROM artifact_entities
            GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1
            """,
            r => (r.GetInt64(0), (int)r.GetInt64(1), (int)r.GetInt64(2)));

        using var api = Api();
        var detail = await api.OkAsync($"/api/v1/entities/{id}");
        Assert.Equal(id, detail.GetProperty("entity").GetProperty("id").GetInt64());
        Assert.Equal(artifacts, detail.GetProperty("entity").GetProperty("artifactCount").GetInt32());
        Assert.Equal(JsonValueKind.Array, detail.GetProperty("aliases").ValueKind);

        var page = await api.OkAsync($"/api/v1/entities/{id}/artifacts?pageSize=200");
        Assert.Equal(links, page.GetProperty("total").GetInt32());
        var published = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("publishedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(published.OrderByDescending(p => p), published);
        await api.InvalidAsync(HttpMethod.Get, $"/api/v1/entities/{id}/artifacts?pageSize=0", null, "pageSize");

        foreach (var path in new[] { "/api/v1/entities/987654321", "/api/v1/entities/987654321/artifacts", "/api/v1/entities/987654321/history" })
        {
            var missing = await api.ProblemAsync(HttpStatusCode.NotFound, HttpMethod.Get, path);
            Assert.Equal("Entity not found", missing.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Candidates_show_an_undecided_pair_with_its_components_until_someone_decides()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var surname = UniqueWord("Quill");
        var full = await InsertEntityAsync(db, $"Ada {surname}", "Institute of Candidate Studies");
        var initial = await InsertEntityAsync(db, $"{surname}, A.", "Institute of Candidate Studies");

        using var api = Api();
        var candidates = await api.OkAsync("/api/v1/entities/candidates?type=person&minSimilarity=0.85&limit=200");
        Assert.Equal(0.85, candidates.GetProperty("minSimilarity").GetDouble());
        var pair = Assert.Single(candidates.GetProperty("items").EnumerateArray(), c => IsPair(c, full, initial));
        var components = pair.GetProperty("components");
        // By the documented rule (docs/pipelines/discovery.md): names compatible by initials 0.8, the same
        // affiliation 1.0, no domain; weighted over the parts both have: (0.50·0.8 + 0.30·1.0) / 0.80 = 0.875.
        Assert.Equal(0.8, components.GetProperty("name").GetDouble());
        Assert.Equal(1.0, components.GetProperty("affiliation").GetDouble());
        Assert.Equal(JsonValueKind.Null, components.GetProperty("domain").ValueKind);
        Assert.Equal(0.875, pair.GetProperty("similarity").GetDouble(), 4);
        Assert.NotEmpty(candidates.GetProperty("items").EnumerateArray());
        Assert.All(candidates.GetProperty("items").EnumerateArray(), c => Assert.True(c.GetProperty("similarity").GetDouble() >= 0.85));
        await api.InvalidAsync(HttpMethod.Get, "/api/v1/entities/candidates?type=robot&minSimilarity=1.5&limit=0", null, "type", "minSimilarity", "limit");

        var decision = new { entityId = full, otherEntityId = initial, decision = "ignore", reason = "two people" };
        await api.ProblemAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/entities/decisions", decision, withKey: false);
        await api.InvalidAsync(HttpMethod.Post, "/api/v1/entities/decisions", new { entityId = full, otherEntityId = full, decision = "maybe" }, "otherEntityId", "decision");
        await api.InvalidAsync(HttpMethod.Post, "/api/v1/entities/decisions", new { decision = "ignore" }, "entityId", "otherEntityId");
        await api.ProblemAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/entities/decisions",
            new { entityId = full, otherEntityId = 987654321L, decision = "watch" });

        var (status, recorded, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/entities/decisions", decision);
        using (response)
        {
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal($"/api/v1/entities/{full}/history", response.Headers.Location?.ToString());
            Assert.Equal("ignore", recorded.GetProperty("decision").GetString());
            Assert.Equal(0.875, recorded.GetProperty("similarity").GetDouble(), 4);
        }

        var after = await api.OkAsync("/api/v1/entities/candidates?type=person&minSimilarity=0.85&limit=200");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), c => IsPair(c, full, initial));
        var history = await api.OkAsync($"/api/v1/entities/{initial}/history");
        var entry = Assert.Single(history.EnumerateArray());
        Assert.Equal(("ignore", full, initial, "two people"),
            (entry.GetProperty("decision").GetString(), entry.GetProperty("primaryEntityId").GetInt64(),
             entry.GetProperty("mergedEntityId").GetInt64(), entry.GetProperty("reason").GetString()));
        // An ignored pair is not merged.
        Assert.Equal(0, await ScalarAsync<long>(db, $"SELECT count(*) FROM entities WHERE id IN ({full}, {initial}) AND merged_into_id IS NOT NULL"));
    }

    [Fact]
    public async Task Merge_moves_the_artifacts_keeps_an_alias_and_history_shows_it()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var surname = UniqueWord("Merge");
        var primary = await InsertEntityAsync(db, $"Grace {surname}", null);
        var merged = await InsertEntityAsync(db, $"G. {surname}", "Harbor Lab");
        var shared = await InsertArtifactAsync(db, surname, 1);
        var second = await InsertArtifactAsync(db, surname, 2);
        var third = await InsertArtifactAsync(db, surname, 3);
        await ExecuteAsync(db,
            $"""
             INSERT INTO artifact_entities (artifact_id, entity_id, role) VALUES
               ({shared}, {primary}, 'author'), ({shared}, {merged}, 'author'), ({second}, {merged}, 'author'), ({third}, {merged}, 'author')
             """);

        using var api = Api();
        // Cached now (anonymous reads are cached); the merge must evict it.
        Assert.Equal(2, (await AnonymousDiscoveryAsync(api, shared)).GetProperty("entities").GetArrayLength());
        var request = new { primaryId = primary, mergedId = merged, reason = "same person" };
        await api.ProblemAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/entities/merge", request, withKey: false);
        await api.InvalidAsync(HttpMethod.Post, "/api/v1/entities/merge", new { mergedId = merged, reason = new string('x', 1001) }, "primaryId", "reason");
        var missing = await api.ProblemAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/entities/merge", new { primaryId = 987654321L, mergedId = merged });
        Assert.Equal("Entity not found", missing.GetProperty("title").GetString());
        await api.ProblemAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/v1/entities/merge", new { primaryId = primary, mergedId = primary });

        var (status, result, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/entities/merge", request);
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, result.ToString());
        Assert.Equal(3, result.GetProperty("movedArtifactLinks").GetInt32());
        Assert.Equal("merge", result.GetProperty("decision").GetProperty("decision").GetString());

        // In the database: every link now on the primary (the shared one once), the merged row kept and pointing at it.
        var links = await ListAsync(db, $"SELECT entity_id, artifact_id FROM artifact_entities WHERE entity_id IN ({primary}, {merged}) ORDER BY artifact_id",
            r => (r.GetInt64(0), r.GetInt64(1)));
        Assert.Equal(new[] { (primary, shared), (primary, second), (primary, third) }, links);
        Assert.Equal(primary, await ScalarAsync<long>(db, $"SELECT merged_into_id FROM entities WHERE id = {merged}"));
        Assert.Equal("Harbor Lab", await ScalarAsync<string>(db, $"SELECT affiliation FROM entities WHERE id = {primary}"));

        var discovery = await AnonymousDiscoveryAsync(api, shared);
        Assert.Equal(primary, Assert.Single(discovery.GetProperty("entities").EnumerateArray()).GetProperty("id").GetInt64());

        var detail = await api.OkAsync($"/api/v1/entities/{primary}");
        Assert.Equal(3, detail.GetProperty("entity").GetProperty("artifactCount").GetInt32());
        Assert.Equal(merged, Assert.Single(detail.GetProperty("aliases").EnumerateArray()).GetProperty("id").GetInt64());
        var artifacts = await api.OkAsync($"/api/v1/entities/{primary}/artifacts");
        Assert.Equal(new[] { third, second, shared }, artifacts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));

        foreach (var id in new[] { primary, merged })
        {
            var history = await api.OkAsync($"/api/v1/entities/{id}/history");
            var entry = Assert.Single(history.EnumerateArray());
            Assert.Equal(("merge", primary, merged, "same person"),
                (entry.GetProperty("decision").GetString(), entry.GetProperty("primaryEntityId").GetInt64(),
                 entry.GetProperty("mergedEntityId").GetInt64(), entry.GetProperty("reason").GetString()));
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("decidedBy").GetString()));
        }

        var listed = await api.OkAsync($"/api/v1/entities?search={surname}");
        Assert.Equal(new[] { primary }, listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        var withMerged = await api.OkAsync($"/api/v1/entities?search={surname}&includeMerged=true");
        Assert.Equal(2, withMerged.GetProperty("total").GetInt32());

        // Merging an entity that is already merged, or into one, is a conflict.
        var again = await api.ProblemAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/v1/entities/merge", request);
        Assert.Equal("Entity already merged", again.GetProperty("title").GetString());
        await api.ProblemAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/v1/entities/merge", new { primaryId = merged, mergedId = primary });
        var viaDecision = await api.ProblemAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/v1/entities/decisions",
            new { entityId = primary, otherEntityId = merged, decision = "merge" });
        Assert.Equal("Entity already merged", viaDecision.GetProperty("title").GetString());
    }

    private static async Task<JsonElement> AnonymousDiscoveryAsync(KeyedApiClient api, long artifact)
    {
        var (status, body, response) = await api.SendAsync(HttpMethod.Get, $"/api/v1/discoveries/{artifact}", withKey: false);
        response.Dispose();
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static bool IsPair(JsonElement candidate, long a, long b)
    {
        var ids = new[] { candidate.GetProperty("first").GetProperty("id").GetInt64(), candidate.GetProperty("second").GetProperty("id").GetInt64() };
        return ids.Contains(a) && ids.Contains(b);
    }

    /// <summary>A word no sample name contains (letters only, so it survives normalisation as one token).</summary>
    internal static string UniqueWord(string prefix) =>
        prefix + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'q');

    internal static Task<long> InsertEntityAsync(NpgsqlConnection db, string name, string? affiliation) =>
        ScalarAsync<long>(db,
            "INSERT INTO entities (entity_type, name, normalized_name, affiliation, expertise_score, created_at, updated_at) "
            + "VALUES ('person', @name, @normalized, @affiliation, 0, now(), now()) RETURNING id",
            ("name", name), ("normalized", EntityNames.Normalize(name)), ("affiliation", (object?)affiliation ?? DBNull.Value));

    private static Task<long> InsertArtifactAsync(NpgsqlConnection db, string tag, int day) =>
        ScalarAsync<long>(db,
            "INSERT INTO artifacts (source, source_id, artifact_type, title, published_at, inserted_at, updated_at) "
            + "VALUES ('test', @id, 'paper', @title, @published, now(), now()) RETURNING id",
            ("id", $"{tag}-{day}"), ("title", $"{tag} paper {day}"), ("published", new DateTime(2025, 1, day, 0, 0, 0, DateTimeKind.Utc)));
}
