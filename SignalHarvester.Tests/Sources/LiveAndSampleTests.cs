using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Signals;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Tests.Sources;

/// <summary>Switching the X source from sample to live (the stack's X is live against the fake): nothing mixes.</summary>
[Collection(SignalsCollection.Name)]
public sealed class LiveAndSampleTests(SignalsStackFixture stack)
{
    [Fact]
    public async Task A_live_post_and_a_sample_post_with_the_same_number_stay_two_rows_with_their_own_cursors()
    {
        var query = new XQuery("outages", SignalsStackFixture.OutagesQuery);
        var recorded = EmbeddedXPostSource.Recorded["outages"][0];
        await using var dataSource = NpgsqlDataSource.Create(await stack.DatabaseConnectionStringAsync());
        await using var db = await stack.OpenDatabaseAsync();
        await ExecuteAsync(db, "delete from cursors where query_name = 'outages'");
        try
        {
            // What the worker stored while it ran on the sample: the first page of the outages sample.
            var store = new SignalStore(dataSource);
            var sample = new EmbeddedXPostSource(Options.Create(new XApiOptions { MaxResults = 10 }), TimeProvider.System);
            var page = await sample.SearchRecentAsync(query, null, null, CancellationToken.None);
            var sampleCursor = HarvestCursor.Start.AfterPage(page.NewestId, page.NextToken);
            await store.StorePageAsync(sample.Origin, query.Name, page.Posts, sampleCursor, CancellationToken.None);

            // Then live: X itself serves a post whose id is the recorded sample's number.
            var live = stack.X.NewPost("Live: the checkout API is down for everyone", likes: 7) with { Id = recorded.Id, ConversationId = recorded.Id };
            stack.X.AddPosts(SignalsStackFixture.OutagesQuery, live);
            // The live cursor starts over, and earlier tests' posts come first (newer ids): run until X has served them all.
            for (var run = 0; run < 20 && (await RowsAsync(db, recorded.Id)).Count == 0; run++)
            {
                Assert.Equal("Succeeded", await stack.RunSignalPipelineAsync());
            }

            var rows = await RowsAsync(db, recorded.Id, SamplePostIds.From(recorded.Id));
            Assert.Equal(
                [(recorded.Id, DataOrigin.Live, live.Text, 7), (SamplePostIds.From(recorded.Id), DataOrigin.Sample, recorded.Text, recorded.LikeCount)],
                rows);
            var cursors = await CursorsAsync(db);
            Assert.Equal([DataOrigin.Live, DataOrigin.Sample], cursors.Select(c => c.Origin));
            Assert.Equal((sampleCursor.SinceId, sampleCursor.PaginationToken), cursors.Single(c => c.Origin == DataOrigin.Sample) is var c ? (c.SinceId, c.Token) : default);
            Assert.False(SamplePostIds.IsSample(cursors.Single(c => c.Origin == DataOrigin.Live).SinceId!));

            using var api = stack.CreateApiClient();
            Assert.Equal("live", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/signals/{recorded.Id}")).GetProperty("origin").GetString());
            Assert.Equal("sample", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/signals/{SamplePostIds.From(recorded.Id)}")).GetProperty("origin").GetString());

            // The listing's origin filter keeps the two apart too: searching either row's text under either origin.
            var sampleRow = (Id: SamplePostIds.From(recorded.Id), Text: recorded.Text);
            var liveRow = (Id: recorded.Id, Text: live.Text);
            foreach (var (origin, own, other) in new[] { (DataOrigin.Sample, sampleRow, liveRow), (DataOrigin.Live, liveRow, sampleRow) })
            {
                Assert.Contains(own.Id, await ListedIdsAsync(api, origin, own.Text));
                Assert.DoesNotContain(other.Id, await ListedIdsAsync(api, origin, other.Text));
            }
        }
        finally
        {
            await ExecuteAsync(db, $"delete from tweets where origin = 'sample' or id = '{recorded.Id}'; delete from cursors where query_name = 'outages'");
            await stack.App.InvalidateSignalsAsync();
        }
    }

    private static async Task<List<string>> ListedIdsAsync(HttpClient api, string origin, string text)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/signals?origin={origin}&search={Uri.EscapeDataString(text[..Math.Min(text.Length, 40)])}&pageSize=100");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal(origin, i.GetProperty("origin").GetString()));
        return [.. items.Select(i => i.GetProperty("id").GetString()!)];
    }

    private static async Task<List<(string Id, string Origin, string Text, int Likes)>> RowsAsync(NpgsqlConnection db, params string[] ids)
    {
        await using var command = new NpgsqlCommand("select id, origin, text, like_count from tweets where id = any(@ids) order by origin", db);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return rows;
    }

    private static async Task<List<(string Origin, string? SinceId, string? Token)>> CursorsAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("select origin, since_id, pagination_token from cursors where query_name = 'outages' order by origin", db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
