using SignalHarvester.Api.Signals;

namespace SignalHarvester.Tests.Api.Signals;

/// <summary>The signals listing counts only up to its limit, so a request costs the same however large the table grows.</summary>
[Collection(PopulatedCollection.Name)]
public sealed class SignalListingTotalTests(PopulatedStackFixture stack)
{
    private const int PageSize = 50;

    [Fact]
    public async Task Past_the_limit_the_total_is_a_lower_bound_and_deeper_pages_are_still_served()
    {
        // One more page and one row past the limit: pages limit/50 + 1 (full) and + 2 (one row) exist beyond the counted total.
        const int Rows = SignalsEndpoints.ExactTotalLimit + PageSize + 1;
        const int LastFullPage = SignalsEndpoints.ExactTotalLimit / PageSize + 1;
        var source = TestSignalRows.NewSource("total-limit");
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, source, Rows);
        try
        {
            using var api = new KeyedApiClient(stack.CreateApiClient(), stack.ApiKey);
            var first = await api.OkAsync($"/api/v1/signals?source={source}&pageSize={PageSize}");
            Assert.Equal((SignalsEndpoints.ExactTotalLimit, false, PageSize),
                (first.GetProperty("total").GetInt32(), first.GetProperty("totalExact").GetBoolean(), first.GetProperty("items").GetArrayLength()));

            // With an exact total of 10,000 these pages would be refused as past the last one.
            Assert.Equal(PageSize, (await api.OkAsync($"/api/v1/signals?source={source}&page={LastFullPage}&pageSize={PageSize}")).GetProperty("items").GetArrayLength());
            Assert.Equal(1, (await api.OkAsync($"/api/v1/signals?source={source}&page={LastFullPage + 1}&pageSize={PageSize}")).GetProperty("items").GetArrayLength());
            Assert.Equal(0, (await api.OkAsync($"/api/v1/signals?source={source}&page={LastFullPage + 2}&pageSize={PageSize}")).GetProperty("items").GetArrayLength());

            // Below the limit the total is exact, and a page past it is refused as before.
            var one = await api.OkAsync($"/api/v1/signals?source={source}&search={ids[7]}");
            Assert.Equal((1, true), (one.GetProperty("total").GetInt32(), one.GetProperty("totalExact").GetBoolean()));
            await api.InvalidAsync(HttpMethod.Get, $"/api/v1/signals?source={source}&search={ids[7]}&page=2", null, "page");
        }
        finally
        {
            await TestSignalRows.DeleteAsync(stack.App, db, ids);
        }
    }
}
