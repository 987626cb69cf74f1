using SignalHarvester.Data;

namespace SignalHarvester.MigrationService.Verbs;

/// <summary>
/// <c>purge-samples</c>: removes all sample data (see <see cref="SampleDataPurge"/>) and says what it
/// removed. A worker still in sample mode harvests a fresh sample on its next run.
/// </summary>
internal static class PurgeSamplesVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await SampleDataPurge.RunAsync(scope.ServiceProvider.GetRequiredService<HarvestDbContext>(), cancellationToken);
        await output.WriteLineAsync(
            $"Removed sample data: {result.Posts} posts, {result.Artifacts} artifacts, {result.Cursors} cursors, " +
            $"{result.Entities} entities named only by samples; {result.TopicsRecounted} topics recounted. Live data is untouched.");
        await output.WriteLineAsync("Cached API responses expire within 10 minutes; POST /api/v1/cache/invalidate clears them now.");
        return 0;
    }
}
