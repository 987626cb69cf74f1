using System.Net;
using System.Net.Http.Json;
using SignalHarvester.Domain.Discovery;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api;

/// <summary>A merge an operator made survives the next discovery run.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class EntityMergeDurabilityTests(PopulatedStackFixture stack)
{
    [Fact]
    public async Task A_new_artifact_naming_a_merged_away_entity_links_to_the_primary_instead_of_recreating_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var primaryName = $"Quinn Mergetest{suffix}";
        var aliasName = $"Q. Mergetest{suffix}";
        await using var db = await stack.OpenDatabaseAsync();
        var primary = await InsertPersonAsync(db, primaryName);
        var alias = await InsertPersonAsync(db, aliasName);

        using var client = stack.CreateApiClient();
        using var merge = Request(HttpMethod.Post, "/api/v1/entities/merge", stack.ApiKey);
        merge.Content = JsonContent.Create(new { primaryId = primary, mergedId = alias, reason = "same person" });
        using (var merged = await client.SendAsync(merge))
        {
            Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        }

        var artifact = await Sql.ScalarAsync<long>(db,
            """
            insert into artifacts (source, source_id, artifact_type, title, text, published_at, authors, inserted_at, updated_at)
            values ('arxiv', @sourceId, 'paper', 'Sparse attention for merge durability', 'We study sparse attention.', now(), @authors::jsonb, now(), now())
            returning id
            """,
            ("sourceId", $"merge-durability-{suffix}"),
            ("authors", $$"""[{"name":"{{aliasName}}","affiliation":"Merge Test Lab"}]"""));

        Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());

        var linked = await Sql.ListAsync(db, $"select entity_id from artifact_entities where artifact_id = {artifact} and role = 'author'", r => r.GetInt64(0));
        Assert.Equal([primary], linked);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db, "select count(*) from entities where normalized_name = @name",
            ("name", EntityNames.Normalize(aliasName))));
    }

    private static Task<long> InsertPersonAsync(Npgsql.NpgsqlConnection db, string name) =>
        Sql.ScalarAsync<long>(db,
            """
            insert into entities (entity_type, name, normalized_name, affiliation, expertise_score, created_at, updated_at)
            values ('person', @name, @normalized, 'Merge Test Lab', 0, now(), now())
            returning id
            """,
            ("name", name), ("normalized", EntityNames.Normalize(name)));
}
