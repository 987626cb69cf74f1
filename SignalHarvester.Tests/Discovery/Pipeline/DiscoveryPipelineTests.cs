using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using SignalHarvester.Data;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Discovery.Stages;

namespace SignalHarvester.Tests.Discovery.Pipeline;

/// <summary>The discovery pipeline through the running stack: fake sources, real worker, PostgreSQL and API.</summary>
[Collection(DiscoveryCollection.Name)]
public sealed class DiscoveryPipelineTests(DiscoveryStackFixture stack)
{
    [Fact]
    public async Task A_run_stores_artifacts_classifications_topics_entities_and_scores_despite_a_failing_source()
    {
        Assert.Equal("Succeeded", stack.FirstRunState);
        await using var db = await OpenAsync();

        var bySource = await db.Artifacts.GroupBy(a => a.Source).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(6, bySource["arxiv"]);
        Assert.Equal(3, bySource["hackernews"]);
        Assert.False(bySource.ContainsKey("github"));
        Assert.NotEmpty(stack.GitHub.Requests); // it was tried

        var artifacts = await db.Artifacts.Include(a => a.Classification).Include(a => a.Score).Include(a => a.Topics).ToListAsync();
        Assert.All(artifacts, a =>
        {
            Assert.NotNull(a.Classification);
            Assert.Contains(a.Classification!.Category, ResearchCategories.All);
            Assert.NotEmpty(a.Topics);
            Assert.NotNull(a.Embedding);
            Assert.NotNull(a.Score);
            Assert.InRange(a.Score!.DiscoveryScore, 0, 100);
        });
        Assert.Contains(await db.Topics.Select(t => t.Name).ToListAsync(), name => name.StartsWith("quantum", StringComparison.Ordinal));

        var expertPaper = artifacts.Single(a => a.SourceId == "2511.00002");
        Assert.Equal(10, expertPaper.Score!.ExpertBonus);
        Assert.True(await db.ArtifactEntities.AnyAsync(l => l.ArtifactId == expertPaper.Id && l.Entity.Name == DiscoveryStackFixture.ExpertName));
        var linkedFromHackerNews = artifacts.Single(a => a.SourceId == "2511.00003");
        Assert.True(linkedFromHackerNews.Score!.CrossSourceBonus > 0, "a paper linked from Hacker News earns the cross-source bonus");
    }

    [Fact]
    public async Task A_second_run_changes_nothing_that_should_not_change()
    {
        var before = await SnapshotAsync();

        Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Embeddings_and_score_components_computed_by_the_worker_are_reproduced_in_another_process()
    {
        await using var db = await OpenAsync();
        var artifacts = await db.Artifacts.Include(a => a.Score).Include(a => a.Topics).ThenInclude(t => t.Topic).ToListAsync();
        var generator = new HashedNgramEmbeddingGenerator();
        var scorer = new DiscoveryScorer(new DiscoveryScoringOptions());
        foreach (var artifact in artifacts)
        {
            var vector = (await generator.GenerateAsync([EmbedArtifactsStage.EmbeddingText(artifact)]))[0].Vector.ToArray();
            Assert.Equal(vector, artifact.Embedding);

            var mainTopic = artifact.Topics.OrderByDescending(t => t.Confidence).First().Topic;
            var recomputed = scorer.Score(
                new DiscoveryScoreInput(artifact.Source, artifact.PublishedAt, artifact.Title, artifact.Text, artifact.Embedding, mainTopic.Centroid, 0, 0, 0, 0, false),
                artifact.Score!.ComputedAt);
            Assert.Equal(recomputed.Novelty, artifact.Score.Novelty);
            Assert.Equal(recomputed.Obscurity, artifact.Score.Obscurity);
            Assert.Equal(recomputed.RecencyFactor, artifact.Score.RecencyFactor);
        }
    }

    [Fact]
    public async Task A_failing_source_shows_in_the_workers_metrics_and_the_others_are_counted()
    {
        using var worker = stack.CreateWorkerClient();
        var metrics = await worker.GetStringAsync("/metrics/prometheus");
        Assert.Matches("signalharvester_discovery_source_failures_total\\{[^}]*source=\"github\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("signalharvester_discovery_fetched_total\\{[^}]*source=\"arxiv\"[^}]*\\} [1-9]", metrics);
    }

    [Fact]
    public async Task The_api_pages_through_every_discovery_best_first_and_explains_a_score()
    {
        using var api = stack.CreateApiClient();
        var seen = new List<(long Id, double Score)>();
        string? cursor = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/discoveries?minScore=0&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("score").GetProperty("value").GetDouble())));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        await using var db = await OpenAsync();
        Assert.Equal(await db.Scores.CountAsync(), seen.Count);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.Select(s => s.Score).OrderDescending(), seen.Select(s => s.Score));

        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/discoveries/{seen[0].Id}");
        var score = detail.GetProperty("discovery").GetProperty("score");
        foreach (var component in new[] { "novelty", "emergence", "obscurity", "crossSourceBonus", "expertBonus", "recencyFactor" })
        {
            Assert.True(score.TryGetProperty(component, out _), component);
        }

        Assert.Equal(0.35, detail.GetProperty("weights").GetProperty("novelty").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/discoveries/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/discoveries?cursor=not-a-cursor")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/discoveries?minScore=101")).StatusCode);
    }

    [Fact]
    public async Task Discoveries_responses_are_cached_until_a_discovery_run_evicts_them()
    {
        await using var db = await OpenAsync();
        var classification = await db.ArtifactClassifications.OrderBy(c => c.ArtifactId).FirstAsync();
        using var api = stack.CreateApiClient();
        var path = $"/api/v1/discoveries/{classification.ArtifactId}";
        var before = (await api.GetFromJsonAsync<JsonElement>(path)).GetProperty("reasoning").GetString();

        // A change the pipeline will not overwrite (classifications are not redone): the cache hides it…
        await db.ArtifactClassifications.Where(c => c.Id == classification.Id)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Reasoning, "edited behind the cache's back"));
        Assert.Equal(before, (await api.GetFromJsonAsync<JsonElement>(path)).GetProperty("reasoning").GetString());

        // …until a discovery run completes and evicts the tag.
        Assert.Equal("Succeeded", await stack.RunDiscoveryAsync());
        Assert.Equal("edited behind the cache's back", (await api.GetFromJsonAsync<JsonElement>(path)).GetProperty("reasoning").GetString());
    }

    private async Task<HarvestDbContext> OpenAsync()
    {
        var options = new DbContextOptionsBuilder<HarvestDbContext>().UseNpgsql(await stack.DatabaseConnectionStringAsync());
        HarvestDbContextOptions.Apply(options);
        return new HarvestDbContext(options.Options);
    }

    // Everything a rerun with no new input must leave alone.
    private async Task<string> SnapshotAsync()
    {
        await using var db = await OpenAsync();
        var artifacts = await db.Artifacts.OrderBy(a => a.Id).Select(a => new { a.Id, a.UpdatedAt }).ToListAsync();
        var classifications = await db.ArtifactClassifications.OrderBy(c => c.Id).Select(c => new { c.Id, c.ClassifiedAt, c.Category }).ToListAsync();
        var scores = await db.Scores.OrderBy(s => s.Id).Select(s => new { s.Id, s.DiscoveryScore, s.ComputedAt }).ToListAsync();
        var topics = await db.Topics.OrderBy(t => t.Id).Select(t => new { t.Id, t.Name, t.ArtifactCount }).ToListAsync();
        var entities = await db.Entities.CountAsync();
        var links = await db.ArtifactEntities.CountAsync();
        return JsonSerializer.Serialize(new { artifacts, classifications, scores, topics, entities, links });
    }
}
