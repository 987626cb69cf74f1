using System.Net;
using System.Text.Json;
using static SignalHarvester.Tests.Api.Sql;

namespace SignalHarvester.Tests.Api;

/// <summary>/api/v1/experiments on the populated stack: backtests against labels each test sets under its own annotator.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class ExperimentsEndpointsTests(PopulatedStackFixture stack)
{
    private const double Novelty = 0.5, Emergence = 0.2, Obscurity = 0.3, TimeConstant = 500;

    private KeyedApiClient Api() => new(stack.CreateApiClient(), stack.ApiKey);

    [Fact]
    public async Task Create_validates_stores_the_resolved_config_and_refuses_a_duplicate_name()
    {
        using var api = Api();
        var name = $"create-{Guid.NewGuid():N}";
        var body = new { name, description = "heavier novelty", config = new { noveltyWeight = 0.6, threshold = 40.0, k = new[] { 10, 5, 10 } } };
        await api.ProblemAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/experiments", body, withKey: false);
        await api.InvalidAsync(HttpMethod.Post, "/api/v1/experiments", new { config = new { } }, "name", "config.threshold");
        await api.InvalidAsync(HttpMethod.Post, "/api/v1/experiments",
            new { name, config = new { threshold = 101.0, noveltyWeight = -1.0, recencyTimeConstantHours = 0.0, k = new[] { 0 } } },
            "config.threshold", "config.noveltyWeight", "config.recencyTimeConstantHours", "config.k");
        await api.InvalidAsync(HttpMethod.Post, "/api/v1/experiments", new { name }, "config");

        var (status, created, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/experiments", body);
        using (response)
        {
            Assert.True(status == HttpStatusCode.Created, created.ToString());
            var id = created.GetProperty("id").GetInt64();
            Assert.Equal($"/api/v1/experiments/{id}", response.Headers.Location?.ToString());
            var config = created.GetProperty("config");
            Assert.Equal(0.6, config.GetProperty("noveltyWeight").GetDouble());
            Assert.True(config.GetProperty("emergenceWeight").GetDouble() >= 0); // filled from Discovery:Scoring
            Assert.True(config.GetProperty("recencyTimeConstantHours").GetDouble() > 0);
            Assert.Equal(new[] { 5, 10 }, config.GetProperty("k").EnumerateArray().Select(k => k.GetInt32()));
            Assert.Equal(JsonValueKind.Null, created.GetProperty("latestRun").ValueKind);

            var fetched = await api.OkAsync($"/api/v1/experiments/{id}");
            Assert.Equal(name, fetched.GetProperty("name").GetString());
            Assert.Equal(created.GetProperty("config").ToString(), fetched.GetProperty("config").ToString());
            var list = await api.OkAsync("/api/v1/experiments?pageSize=200");
            Assert.Contains(list.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
        }

        var duplicate = await api.ProblemAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/v1/experiments", body);
        Assert.Equal("Experiment name taken", duplicate.GetProperty("title").GetString());
        await api.InvalidAsync(HttpMethod.Get, "/api/v1/experiments?pageSize=201", null, "pageSize");
        foreach (var path in new[] { "/api/v1/experiments/987654321", "/api/v1/experiments/987654321/runs" })
        {
            var missing = await api.ProblemAsync(HttpStatusCode.NotFound, HttpMethod.Get, path);
            Assert.Equal("Experiment not found", missing.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task A_run_matches_the_confusion_matrix_computed_here_from_the_labels_and_stored_scores()
    {
        await using var db = await stack.OpenDatabaseAsync();
        // Nine scored artifacts, re-scored here with the experiment's weights from their stored components.
        var scored = (await ListAsync(db,
                """
                SELECT a.id, a.published_at, s.computed_at, s.novelty, s.emergence, s.obscurity, s.cross_source_bonus + s.expert_bonus
                FROM artifacts a JOIN scores s ON s.artifact_id = a.id ORDER BY a.id DESC LIMIT 9
                """,
                r => (Id: r.GetInt64(0), Score: Rescore(r.GetDateTime(1), r.GetDateTime(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6)))))
            .OrderByDescending(a => a.Score).ThenBy(a => a.Id).ToList();
        Assert.Equal(9, scored.Count);
        Assert.True(scored[3].Score - scored[4].Score > 1e-6, "the 4th and 5th best artifacts must score apart to put a threshold between them");
        var threshold = (scored[3].Score + scored[4].Score) / 2;
        // Best first: relevant ×3, irrelevant | relevant ×2, irrelevant ×3 — every cell of the matrix differs.
        bool[] relevantByRank = [true, true, true, false, true, true, false, false, false];
        var labels = scored.Select((a, rank) => (a.Id, a.Score, Relevant: relevantByRank[rank])).ToList();

        using var api = Api();
        var annotator = $"backtest-{Guid.NewGuid():N}";
        foreach (var (id, _, relevant) in labels)
        {
            var (status, body, response) = await api.SendAsync(HttpMethod.Put, $"/api/v1/labels/{id}",
                new { label = relevant ? "relevant" : "irrelevant", annotator });
            response.Dispose();
            Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
        }

        var experiment = await CreateAsync(api, threshold, [3, 5]);
        await api.ProblemAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, $"/api/v1/experiments/{experiment}/run?annotator={annotator}", withKey: false);
        var (runStatus, run, runResponse) = await api.SendAsync(HttpMethod.Post, $"/api/v1/experiments/{experiment}/run?annotator={annotator}");
        runResponse.Dispose();
        Assert.True(runStatus == HttpStatusCode.Created, run.ToString());

        int tp = labels.Count(l => l.Score >= threshold && l.Relevant), fp = labels.Count(l => l.Score >= threshold && !l.Relevant);
        int tn = labels.Count(l => l.Score < threshold && !l.Relevant), fn = labels.Count(l => l.Score < threshold && l.Relevant);
        double precision = (double)tp / (tp + fp), recall = (double)tp / (tp + fn);
        var matrix = run.GetProperty("confusionMatrix");
        Assert.Equal((tp, fp, tn, fn), (matrix.GetProperty("truePositives").GetInt32(), matrix.GetProperty("falsePositives").GetInt32(),
            matrix.GetProperty("trueNegatives").GetInt32(), matrix.GetProperty("falseNegatives").GetInt32()));
        Assert.Equal(labels.Count, run.GetProperty("artifactCount").GetInt32());
        Assert.Equal(precision, run.GetProperty("precision").GetDouble(), 9);
        Assert.Equal(recall, run.GetProperty("recall").GetDouble(), 9);
        Assert.Equal(2 * precision * recall / (precision + recall), run.GetProperty("f1").GetDouble(), 9);
        Assert.Equal((double)(tp + tn) / labels.Count, run.GetProperty("accuracy").GetDouble(), 9);
        foreach (var k in new[] { 3, 5 })
        {
            Assert.Equal((double)labels.Take(k).Count(l => l.Relevant) / k, run.GetProperty("precisionAtK").GetProperty($"{k}").GetDouble(), 9);
        }

        // NDCG@k, binary relevance, gain 1/log2(rank + 1) (ranks 1..6: 1, 0.6309298, 0.5, 0.4306766, 0.3868528, 0.3562072).
        // @3: the three best are relevant, as good as it gets → 1.
        // @5: DCG 1 + 0.6309298 + 0.5 + 0 + 0.3868528 = 2.5177826; five relevant, IDCG 1 + 0.6309298 + 0.5 + 0.4306766
        //     + 0.3868528 = 2.9484592; 2.5177826 / 2.9484592 = 0.8539317.
        var ndcg = run.GetProperty("ndcgAtK");
        Assert.Equal(1.0, ndcg.GetProperty("3").GetDouble(), 9);
        Assert.Equal(0.8539317, ndcg.GetProperty("5").GetDouble(), 7);

        // Stored as an experiment run, and listed first among the experiment's runs.
        var runId = run.GetProperty("id").GetInt64();
        var stored = await SingleAsync(db,
            $"SELECT true_positives, false_positives, true_negatives, false_negatives, status FROM experiment_runs WHERE id = {runId}",
            r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4)));
        Assert.Equal((tp, fp, tn, fn, "completed"), stored);
        var runs = await api.OkAsync($"/api/v1/experiments/{experiment}/runs");
        Assert.Equal(runId, runs.EnumerateArray().First().GetProperty("id").GetInt64());
        Assert.Equal(runId, (await api.OkAsync($"/api/v1/experiments/{experiment}")).GetProperty("latestRun").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_run_without_labels_is_422_and_bad_runs_are_named()
    {
        using var api = Api();
        var experiment = await CreateAsync(api, 50, [5]);
        var problem = await api.ProblemAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post,
            $"/api/v1/experiments/{experiment}/run?annotator=nobody-{Guid.NewGuid():N}");
        Assert.Equal("Nothing to backtest", problem.GetProperty("title").GetString());
        await api.InvalidAsync(HttpMethod.Post, $"/api/v1/experiments/{experiment}/run?annotator={new string('a', 101)}", null, "annotator");
        await api.ProblemAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/experiments/987654321/run");
        Assert.Empty((await api.OkAsync($"/api/v1/experiments/{experiment}/runs")).EnumerateArray());
    }

    [Fact]
    public async Task Compare_reaches_its_own_handler_and_gives_the_deltas_of_the_latest_runs()
    {
        using var api = Api();
        // Its own validation (both fields named), not a /{id} 400 or 404.
        var invalid = await api.InvalidAsync(HttpMethod.Get, "/api/v1/experiments/compare", null, "a", "b");
        Assert.False(invalid.GetProperty("errors").TryGetProperty("id", out _));

        await using var db = await stack.OpenDatabaseAsync();
        var artifacts = await ListAsync(db, "SELECT a.id FROM artifacts a JOIN scores s ON s.artifact_id = a.id ORDER BY a.id DESC OFFSET 9 LIMIT 4", r => r.GetInt64(0));
        var annotator = $"compare-{Guid.NewGuid():N}";
        for (var i = 0; i < artifacts.Count; i++)
        {
            (await api.SendAsync(HttpMethod.Put, $"/api/v1/labels/{artifacts[i]}", new { label = i % 2 == 0 ? "relevant" : "irrelevant", annotator })).Response.Dispose();
        }

        var everything = await CreateAsync(api, 0, [2]);   // predicts every artifact relevant
        var nothing = await CreateAsync(api, 100, [2]);      // predicts (almost) none relevant
        var notFound = await api.ProblemAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/v1/experiments/compare?a={everything}&b=987654321");
        Assert.Equal("Experiment not found", notFound.GetProperty("title").GetString());
        var notRun = await api.ProblemAsync(HttpStatusCode.Conflict, HttpMethod.Get, $"/api/v1/experiments/compare?a={everything}&b={nothing}");
        Assert.Equal("Experiment not run yet", notRun.GetProperty("title").GetString());

        foreach (var id in new[] { everything, nothing })
        {
            (await api.SendAsync(HttpMethod.Post, $"/api/v1/experiments/{id}/run?annotator={annotator}")).Response.Dispose();
        }

        var comparison = await api.OkAsync($"/api/v1/experiments/compare?a={everything}&b={nothing}");
        var a = comparison.GetProperty("a").GetProperty("latestRun");
        var b = comparison.GetProperty("b").GetProperty("latestRun");
        Assert.Equal(everything, comparison.GetProperty("a").GetProperty("id").GetInt64());
        Assert.Equal(nothing, comparison.GetProperty("b").GetProperty("id").GetInt64());
        Assert.Equal(artifacts.Count, a.GetProperty("confusionMatrix").GetProperty("truePositives").GetInt32()
                                      + a.GetProperty("confusionMatrix").GetProperty("falsePositives").GetInt32());
        var deltas = comparison.GetProperty("deltas");
        Assert.Equal(b.GetProperty("accuracy").GetDouble() - a.GetProperty("accuracy").GetDouble(), deltas.GetProperty("accuracy").GetDouble(), 6);
        Assert.Equal(b.GetProperty("recall").GetDouble() - a.GetProperty("recall").GetDouble(), deltas.GetProperty("recall").GetDouble(), 6);
        Assert.Equal(b.GetProperty("precisionAtK").GetProperty("2").GetDouble() - a.GetProperty("precisionAtK").GetProperty("2").GetDouble(),
            deltas.GetProperty("precisionAtK").GetProperty("2").GetDouble(), 6);
        Assert.Equal(b.GetProperty("ndcgAtK").GetProperty("2").GetDouble() - a.GetProperty("ndcgAtK").GetProperty("2").GetDouble(),
            deltas.GetProperty("ndcgAtK").GetProperty("2").GetDouble(), 6);
    }

    private static async Task<long> CreateAsync(KeyedApiClient api, double threshold, int[] k)
    {
        var (status, body, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/experiments", new
        {
            name = $"test-{Guid.NewGuid():N}",
            config = new { noveltyWeight = Novelty, emergenceWeight = Emergence, obscurityWeight = Obscurity, recencyTimeConstantHours = TimeConstant, threshold, k },
        });
        response.Dispose();
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>The documented re-score: clamp((wN·N + wE·E + wO·O + bonuses) · exp(−ageWhenScored / τ), 0, 100).</summary>
    private static double Rescore(DateTime published, DateTime computed, double novelty, double emergence, double obscurity, double bonuses)
    {
        var ageHours = Math.Max(0, (computed - published).TotalHours);
        return Math.Clamp((Novelty * novelty + Emergence * emergence + Obscurity * obscurity + bonuses) * Math.Exp(-ageHours / TimeConstant), 0, 100);
    }
}
