using System.Globalization;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.WebConsole;

/// <summary>
/// The web console in a real headless Chromium against the running AppHost with the embedded sample
/// data: every page shows what the API serves, filters live in the URL, and actions reach the API.
/// </summary>
[Collection(PopulatedCollection.Name)]
public sealed class ConsoleTests(PopulatedStackFixture stack)
{
    private KeyedApiClient Api() => new(stack.CreateApiClient(), stack.ApiKey);

    [Fact]
    public async Task Signals_page_shows_the_apis_first_page_in_its_order()
    {
        using var api = Api();
        var expected = Ids(await api.OkAsync("/api/v1/signals?page=1&pageSize=25"), "id");
        Assert.NotEmpty(expected);

        var page = await stack.Console.OpenAsync();
        await page.GotoAsync("/signals");
        Assert.Equal(expected, await LinkedIdsAsync(page, "table.signals", "/signals/"));
        await stack.Console.ScreenshotAsync(page, "signals");

        var dark = await stack.Console.OpenAsync(colorScheme: ColorScheme.Dark);
        await dark.GotoAsync("/signals");
        await stack.Console.ScreenshotAsync(dark, "signals-dark");
    }

    [Fact]
    public async Task A_filter_changes_the_url_and_the_rows()
    {
        using var api = Api();
        var all = await api.OkAsync("/api/v1/signals?page=1&pageSize=200");
        var author = all.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("author").GetProperty("username").GetString()!).Distinct().Skip(1).First();
        var expected = Ids(await api.OkAsync($"/api/v1/signals?search={author}&sort=created_at&order=asc&pageSize=25"), "id");
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.GetProperty("total").GetInt32(), "the filter must narrow the list");

        var page = await stack.Console.OpenAsync();
        await page.GotoAsync("/signals");
        await page.GetByLabel("Text or author").FillAsync(author);
        await page.GetByLabel("Sort by").SelectOptionAsync("created_at");
        await page.GetByLabel("Order").SelectOptionAsync("asc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"search={author}", StringComparison.Ordinal));

        Assert.Contains("sort=created_at", page.Url, StringComparison.Ordinal);
        Assert.Contains("order=asc", page.Url, StringComparison.Ordinal);
        Assert.Equal(expected, await LinkedIdsAsync(page, "table.signals", "/signals/"));
        // The URL alone reproduces the view (a shared link).
        var shared = await stack.Console.OpenAsync();
        await shared.GotoAsync(page.Url);
        Assert.Equal(expected, await LinkedIdsAsync(shared, "table.signals", "/signals/"));
    }

    [Fact]
    public async Task Dismissing_a_signal_shows_it_dismissed_after_a_reload_and_through_the_api()
    {
        using var api = Api();
        var id = Ids(await api.OkAsync("/api/v1/signals?status=active&sort=created_at&order=asc&pageSize=1"), "id").Single();

        var page = await stack.Console.OpenAsync(signedIn: true);
        await page.GotoAsync($"/signals/{id}");
        Assert.Equal("active", await page.GetByTestId("signal-status").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        // The post's redirect has landed before the reload: reloading while the post is still in flight cancels it.
        await Assertions.Expect(page.GetByTestId("signal-status")).ToHaveTextAsync("dismissed");
        await page.ReloadAsync();

        Assert.Equal("dismissed", await page.GetByTestId("signal-status").InnerTextAsync());
        Assert.Equal("dismissed", (await api.OkAsync($"/api/v1/signals/{id}")).GetProperty("status").GetString());
        await stack.Console.ScreenshotAsync(page, "signal");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signal-status")).ToHaveTextAsync("active");
        Assert.Equal("active", (await api.OkAsync($"/api/v1/signals/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Labelling_an_artifact_shows_up_in_the_labels_api()
    {
        using var api = Api();
        var id = Ids(await api.OkAsync("/api/v1/discoveries?limit=1"), "id").Single();
        var annotator = $"console-{Guid.NewGuid():N}"[..20];

        var page = await stack.Console.OpenAsync(signedIn: true);
        await page.GotoAsync($"/discoveries/{id}");
        // The score breakdown is drawn by the server: seven bars (components, bonuses, recency, score).
        Assert.Equal(7, await page.Locator("svg.bars rect").CountAsync());
        await page.GetByLabel("Annotator").FillAsync(annotator);
        await page.GetByRole(AriaRole.Button, new() { Name = "Relevant", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("label-current")).ToContainTextAsync($"Labelled relevant by {annotator}");
        var label = (await api.OkAsync($"/api/v1/labels?annotator={annotator}")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(id, label.GetProperty("artifactId").GetRawText());
        Assert.Equal("relevant", label.GetProperty("label").GetString());
        await stack.Console.ScreenshotAsync(page, "discovery");
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_a_right_one_stays_out_of_reach_of_scripts()
    {
        var page = await stack.Console.OpenAsync();
        await ConsoleBrowser.SignInAsync(page, "not-the-key-" + Guid.NewGuid().ToString("N"));
        Assert.True(await page.GetByTestId("signin-refused").IsVisibleAsync(), "a wrong key must be refused");
        await stack.Console.ScreenshotAsync(page, "signin");
        Assert.Empty(await page.Context.CookiesAsync([stack.Console.Url.ToString()]) is var cookies ? cookies.Where(c => c.Name == "signalharvester-console") : []);
        await page.GotoAsync("/operations");
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).First.IsVisibleAsync());
        Assert.Equal(0, await page.Locator("table.pipelines").CountAsync());

        var signedIn = await stack.Console.OpenAsync(signedIn: true);
        var cookie = (await signedIn.Context.CookiesAsync()).Single(c => c.Name == "signalharvester-console");
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(stack.ApiKey, cookie.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("signalharvester-console", await signedIn.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);
        await signedIn.GotoAsync("/operations");
        Assert.DoesNotContain(stack.ApiKey, await signedIn.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_admin_signs_in_and_is_told_which_scope_the_operations_need()
    {
        var page = await stack.Console.OpenAsync();
        await ConsoleBrowser.SignInAsync(page, PopulatedStackFixture.WriterKey);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync(), $"a write key must sign in: {page.Url}");

        await page.GotoAsync("/operations");
        Assert.Contains("'admin' scope", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("table.pipelines").CountAsync());
    }

    [Fact]
    public async Task The_operations_page_shows_a_started_run_finishing()
    {
        var page = await stack.Console.OpenAsync(signedIn: true);
        await page.GotoAsync("/operations");
        Assert.Equal(["discovery", "signals"], (await page.Locator("table.pipelines tbody tr td:first-child").AllInnerTextsAsync()).Where(p => p is "signals" or "discovery").Order());
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a signals run" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("run=", StringComparison.Ordinal));
        var jobId = new Uri(page.Url).Query.Split('=')[1];

        // The page refreshes itself while the run is going; the worker's run takes seconds.
        await Assertions.Expect(page.GetByTestId("run-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 120_000 });
        using var api = Api();
        Assert.Equal("Succeeded", (await api.OkAsync($"/api/v1/pipelines/runs/{jobId}")).GetProperty("state").GetString());
        await stack.Console.ScreenshotAsync(page, "operations");
    }

    [Fact]
    public async Task A_bulk_jobs_progress_reaches_completion_on_the_operations_page_without_a_reload()
    {
        using var api = Api();
        // Clearing the review status of active signals (they have none) changes nothing another test sees; the
        // stack runs bulk jobs two ids a batch with a pause, so this one runs for seconds.
        var ids = Ids(await api.OkAsync("/api/v1/signals?status=active&sort=created_at&order=desc&pageSize=40"), "id");
        Assert.True(ids.Count >= 10, $"the sample data must have active signals for the job ({ids.Count})");
        var page = await stack.Console.OpenAsync(signedIn: true);
        // A job that is not there is said beside the form; the rest of the page still shows.
        await page.GotoAsync("/operations?job=987654321");
        Assert.Contains("Bulk job not found", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("table.pipelines").CountAsync());

        var (status, job, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/signals/bulk/status", new { ids, status = "none" });
        response.Dispose();
        Assert.True(status == HttpStatusCode.Accepted, job.ToString());
        var id = job.GetProperty("id").GetInt64();

        await page.GotoAsync($"/operations?job={id}");
        var first = await page.GetByTestId("bulk-job-state").InnerTextAsync();
        Assert.True(first is "queued" or "running", $"the job must still be going when the page opens, not {first}");
        // Without script the page still works: a refresh link.
        Assert.Equal($"/operations?job={id}", await page.GetByTestId("bulk-job-refresh").GetAttributeAsync("href"));
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        await Assertions.Expect(page.GetByTestId("bulk-job-state")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page reloaded instead of updating in place");
        Assert.Equal($"{ids.Count}", await page.GetByTestId("bulk-job-processed").InnerTextAsync());
        Assert.Equal("ended", await page.GetByTestId("bulk-job").GetAttributeAsync("data-live")); // the script closed its stream
        Assert.Equal(0, await page.GetByTestId("bulk-job-refresh").CountAsync());
        var ended = await api.OkAsync($"/api/v1/signals/bulk-jobs/{id}");
        Assert.Equal(("completed", ids.Count), (ended.GetProperty("state").GetString(), ended.GetProperty("processed").GetInt32()));
        Assert.DoesNotContain(stack.ApiKey, await page.ContentAsync(), StringComparison.Ordinal);
        await stack.Console.ScreenshotAsync(page, "bulk-job");
    }

    [Fact]
    public async Task A_note_added_to_a_signal_shows_after_a_reload_and_through_the_api()
    {
        using var api = Api();
        var id = Ids(await api.OkAsync("/api/v1/signals?sort=created_at&order=desc&pageSize=1"), "id").Single();
        var note = $"console note {Guid.NewGuid():N}";

        var page = await stack.Console.OpenAsync(signedIn: true);
        await page.GotoAsync($"/signals/{id}");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signal-notes")).ToHaveTextAsync(note);
        await page.ReloadAsync();

        Assert.Equal(note, await page.GetByTestId("signal-notes").InnerTextAsync());
        Assert.Equal(note, (await api.OkAsync($"/api/v1/signals/{id}")).GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Merging_and_rejecting_candidates_on_the_entities_page_reach_the_api()
    {
        // Two pairs, each the same name and affiliation twice (similarity 1), so they lead the candidates the page lists.
        await using var db = await stack.OpenDatabaseAsync();
        var (mergeName, rejectName) = (EntitiesEndpointsTests.UniqueWord("Merge"), EntitiesEndpointsTests.UniqueWord("Reject"));
        long[] merge = [await EntitiesEndpointsTests.InsertEntityAsync(db, $"Ada {mergeName}", "Console Lab"),
                        await EntitiesEndpointsTests.InsertEntityAsync(db, $"Ada {mergeName}", "Console Lab")];
        long[] reject = [await EntitiesEndpointsTests.InsertEntityAsync(db, $"Bo {rejectName}", "Console Lab"),
                         await EntitiesEndpointsTests.InsertEntityAsync(db, $"Bo {rejectName}", "Console Lab")];
        using var api = Api();
        var listed = (await api.OkAsync("/api/v1/entities/candidates?limit=20")).GetProperty("items").EnumerateArray()
            .Select(c => new[] { c.GetProperty("first").GetProperty("id").GetInt64(), c.GetProperty("second").GetProperty("id").GetInt64() }.Order().ToArray()).ToList();
        Assert.Contains(listed, pair => pair.SequenceEqual(merge));
        Assert.Contains(listed, pair => pair.SequenceEqual(reject));

        var page = await stack.Console.OpenAsync(signedIn: true);
        await page.GotoAsync("/entities");
        // Side by side: one row holds both entities of a pair, each linked to its profile.
        var mergeRow = page.Locator("table.candidates tbody tr", new() { HasText = mergeName });
        var rejectRow = page.Locator("table.candidates tbody tr", new() { HasText = rejectName });
        Assert.Equal(merge.Select(id => $"/entities/{id}").Order(), (await mergeRow.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).Order());
        await stack.Console.ScreenshotAsync(page, "entities-candidates");

        await mergeRow.GetByRole(AriaRole.Button, new() { Name = $"Merge Ada {mergeName} into Ada {mergeName}", Exact = true }).ClickAsync();
        await Assertions.Expect(mergeRow).ToHaveCountAsync(0);
        var mergedInto = new List<long?>();
        foreach (var id in merge)
        {
            var entity = (await api.OkAsync($"/api/v1/entities/{id}")).GetProperty("entity").GetProperty("mergedIntoId");
            mergedInto.Add(entity.ValueKind == JsonValueKind.Null ? null : entity.GetInt64());
        }

        // One of the two is now an alias of the other.
        Assert.True(mergedInto.SequenceEqual([null, merge[0]]) || mergedInto.SequenceEqual([merge[1], null]), string.Join(", ", mergedInto));

        await rejectRow.GetByRole(AriaRole.Button, new() { Name = "Not the same" }).ClickAsync();
        await Assertions.Expect(rejectRow).ToHaveCountAsync(0);
        var history = (await api.OkAsync($"/api/v1/entities/{reject[0]}/history")).EnumerateArray().Single();
        Assert.Equal("ignore", history.GetProperty("decision").GetString());
        foreach (var id in reject)
        {
            Assert.Equal(JsonValueKind.Null, (await api.OkAsync($"/api/v1/entities/{id}")).GetProperty("entity").GetProperty("mergedIntoId").ValueKind);
        }
    }

    [Fact]
    public async Task On_a_phone_no_page_is_wider_than_the_screen()
    {
        using var api = Api();
        var signal = Ids(await api.OkAsync("/api/v1/signals?pageSize=1"), "id").Single();
        var discovery = Ids(await api.OkAsync("/api/v1/discoveries?limit=1"), "id").Single();
        var topic = Ids(await api.OkAsync("/api/v1/topics/trending?window=14&limit=1"), "id").Single();
        var entity = Ids(await api.OkAsync("/api/v1/entities?pageSize=1"), "id").Single();
        var experiments = Ids(await api.OkAsync("/api/v1/experiments?pageSize=2"), "id");
        string[] paths =
        [
            "/", "/signals", $"/signals/{signal}", "/discoveries", $"/discoveries/{discovery}", "/topics", $"/topics/{topic}",
            "/entities", $"/entities/{entity}", "/experiments", "/operations", "/signin",
            .. experiments.Count == 2 ? [$"/experiments?a={experiments[0]}&b={experiments[1]}"] : Array.Empty<string>(),
        ];

        var page = await stack.Console.OpenAsync(signedIn: true, phone: true);
        var overflowing = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            // Tables may scroll inside their own container; the document itself must not scroll sideways.
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.Equal(ConsoleBrowser.Phone.Width, widths[1]);
            if (widths[0] > widths[1])
            {
                overflowing.Add($"{path}: {widths[0]} px wide");
            }
        }

        Assert.Empty(overflowing);
        await page.GotoAsync("/signals");
        await stack.Console.ScreenshotAsync(page, "phone", fullPage: false);
    }

    [Fact]
    public async Task Discoveries_topics_entities_and_experiments_show_the_apis_rows()
    {
        using var api = Api();
        var page = await stack.Console.OpenAsync();

        var discoveries = Ids(await api.OkAsync("/api/v1/discoveries?limit=25"), "id");
        Assert.NotEmpty(discoveries);
        await page.GotoAsync("/discoveries");
        Assert.Equal(discoveries, await LinkedIdsAsync(page, "table.discoveries", "/discoveries/"));
        await stack.Console.ScreenshotAsync(page, "discoveries");

        var topics = Ids((await api.OkAsync("/api/v1/topics/trending?window=14&limit=20")), "id");
        Assert.NotEmpty(topics);
        await page.GotoAsync("/topics");
        Assert.Equal(topics, await LinkedIdsAsync(page, "table.topics", "/topics/"));
        Assert.Equal(topics.Count, await page.Locator("table.topics svg.sparkline polyline").CountAsync());
        await stack.Console.ScreenshotAsync(page, "topics");
        await page.GotoAsync($"/topics/{topics[0]}");
        // A topic's timeline is drawn once its data has arrived: wait for its first column rather than count at once.
        await Assertions.Expect(page.Locator("svg.columns rect").First).ToBeAttachedAsync();
        await stack.Console.ScreenshotAsync(page, "topic");

        var entities = Ids(await api.OkAsync("/api/v1/entities?pageSize=25"), "id");
        Assert.NotEmpty(entities);
        await page.GotoAsync("/entities");
        Assert.Equal(entities, await LinkedIdsAsync(page, "table.entities", "/entities/"));
        await stack.Console.ScreenshotAsync(page, "entities");
        await page.GotoAsync($"/entities/{entities[0]}");
        var name = (await api.OkAsync($"/api/v1/entities/{entities[0]}")).GetProperty("entity").GetProperty("name").GetString()!;
        Assert.Equal(name, await page.Locator("h1").InnerTextAsync());

        var (a, b) = (await ExperimentAsync(api, 0), await ExperimentAsync(api, 100));
        await page.GotoAsync($"/experiments?a={a}&b={b}");
        Assert.Contains($"/experiments?a={a}&b={b}", page.Url, StringComparison.Ordinal);
        var experiments = (await api.OkAsync("/api/v1/experiments?pageSize=50")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()!).ToList();
        Assert.Equal(experiments, await page.Locator("table.experiments tbody tr td:nth-child(3)").AllInnerTextsAsync());
        // The comparison: the scalar metrics, then precision@k and NDCG@k per cut-off, as the API computed them.
        var comparison = await api.OkAsync($"/api/v1/experiments/compare?a={a}&b={b}");
        var ndcg = (A: NdcgAt2(comparison.GetProperty("a")), B: NdcgAt2(comparison.GetProperty("b")));
        Assert.Equal(["Precision", "Recall", "F1", "Accuracy", "Precision@2", "NDCG@2"],
            await page.Locator("table:not(.experiments) tbody tr td:first-child").AllInnerTextsAsync());
        var ndcgRow = await page.Locator("table:not(.experiments) tbody tr").Last.Locator("td").AllInnerTextsAsync();
        Assert.Equal([Fixed(ndcg.A, "0.000"), Fixed(ndcg.B, "0.000")], ndcgRow.Skip(1).Take(2));
        Assert.Equal(["NDCG@2 A", "NDCG@2 B"], (await page.Locator("svg.bars text").AllTextContentsAsync()).Where(t => t.StartsWith("NDCG", StringComparison.Ordinal)));
        var nameOfA = comparison.GetProperty("a").GetProperty("name").GetString()!;
        Assert.Equal($"@2 {Fixed(ndcg.A, "0.00")}", await page.Locator("table.experiments tbody tr", new() { HasText = nameOfA }).Locator("td.ndcg").InnerTextAsync());
        await stack.Console.ScreenshotAsync(page, "experiments");
    }

    [Fact]
    public async Task While_the_api_is_down_the_console_says_so_and_recovers_by_itself()
    {
        var page = await stack.Console.OpenAsync();
        var api = stack.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == ResourceNames.Api);
        var commands = stack.App.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync(api, KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        try
        {
            var response = await page.GotoAsync("/signals");
            Assert.Equal(200, response!.Status);
            var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
            Assert.Contains("The API is unavailable.", alert, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("table.signals").CountAsync());
            await stack.Console.ScreenshotAsync(page, "api-down");
        }
        finally
        {
            var started = await commands.ExecuteCommandAsync(api, KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.Message);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await stack.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Api, timeout.Token);
        }

        // Nothing to restart on the console's side: the next page load has rows again.
        await Eventually.ReturnsAsync(
            async () =>
            {
                await page.GotoAsync("/signals");
                return await page.Locator("table.signals tbody tr").CountAsync();
            },
            rows => rows > 0, TimeSpan.FromMinutes(1), "the signals page shows rows again");
    }

    // An experiment run against two labels of its own, so the page has metrics to show.
    private async Task<long> ExperimentAsync(KeyedApiClient api, double threshold)
    {
        var annotator = $"console-exp-{Guid.NewGuid():N}"[..24];
        var artifacts = Ids(await api.OkAsync("/api/v1/discoveries?limit=4"), "id");
        for (var i = 0; i < artifacts.Count; i++)
        {
            (await api.SendAsync(HttpMethod.Put, $"/api/v1/labels/{artifacts[i]}", new { label = i % 2 == 0 ? "relevant" : "irrelevant", annotator })).Response.Dispose();
        }

        var (status, created, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/experiments",
            new { name = $"console-{threshold}-{Guid.NewGuid():N}"[..30], config = new { threshold, k = new[] { 2 } } });
        response.Dispose();
        Assert.True(status == HttpStatusCode.Created, created.ToString());
        var id = created.GetProperty("id").GetInt64();
        var (runStatus, run, runResponse) = await api.SendAsync(HttpMethod.Post, $"/api/v1/experiments/{id}/run?annotator={annotator}");
        runResponse.Dispose();
        Assert.True(runStatus == HttpStatusCode.Created, run.ToString());
        return id;
    }

    private static double NdcgAt2(JsonElement experiment) => experiment.GetProperty("latestRun").GetProperty("ndcgAtK").GetProperty("2").GetDouble();

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static List<string> Ids(JsonElement body, string property) =>
        [.. body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty(property).ToString())];

    // The ids a table links to, in the table's order (one link per row into the item's page).
    private static async Task<List<string>> LinkedIdsAsync(IPage page, string table, string prefix)
    {
        var hrefs = await page.Locator($"{table} tbody a[href^='{prefix}']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return [.. hrefs.Select(href => Uri.UnescapeDataString(href[prefix.Length..]))];
    }
}
