using static SignalHarvester.Tests.Api.Sql;

namespace SignalHarvester.Tests.Api;

/// <summary>
/// Every paged list on the populated stack: a page beyond the data, or one whose offset <c>(page-1)·pageSize</c>
/// would overflow, is a 400 naming <c>page</c>; the last page (or page 1 of an empty list) is still served.
/// </summary>
[Collection(PopulatedCollection.Name)]
public sealed class PagingBoundsTests(PopulatedStackFixture stack)
{
    public static TheoryData<string> PagedLists =>
    [
        "/api/v1/signals",
        "/api/v1/entities",
        "/api/v1/experiments",
        "/api/v1/snapshots",
        "/api/v1/labels",
    ];

    [Theory]
    [MemberData(nameof(PagedLists))]
    public Task A_page_beyond_the_data_or_an_overflowing_offset_is_a_400_naming_page(string list) => AssertBoundsAsync(list);

    [Fact]
    public async Task An_entitys_artifacts_are_bounded_the_same_way()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var entity = await SingleAsync(db, "SELECT entity_id FROM artifact_entities ORDER BY entity_id LIMIT 1", r => r.GetInt64(0));
        await AssertBoundsAsync($"/api/v1/entities/{entity}/artifacts");
    }

    private async Task AssertBoundsAsync(string list)
    {
        using var api = new KeyedApiClient(stack.CreateApiClient(), stack.ApiKey);

        // 2147483647 is a valid int, but (page-1)·200 is not: it wrapped to a negative OFFSET.
        await api.InvalidAsync(HttpMethod.Get, $"{list}?page={int.MaxValue}&pageSize=200", null, "page");

        var total = (await api.OkAsync($"{list}?pageSize=50")).GetProperty("total").GetInt32();
        var lastPage = Math.Max(1, (total + 49) / 50);
        var last = await api.OkAsync($"{list}?page={lastPage}&pageSize=50");
        Assert.Equal(lastPage, last.GetProperty("page").GetInt32());
        Assert.InRange(last.GetProperty("items").GetArrayLength(), total == 0 ? 0 : 1, 50);

        // Far enough past the end that rows written meanwhile cannot bring it back into range.
        var problem = await api.InvalidAsync(HttpMethod.Get, $"{list}?page={lastPage + 1000}&pageSize=50", null, "page");
        Assert.Contains("there are ", problem.GetProperty("errors").GetProperty("page")[0].GetString(), StringComparison.Ordinal);
    }
}
