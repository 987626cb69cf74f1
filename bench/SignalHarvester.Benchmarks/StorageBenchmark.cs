using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Benchmarks;

/// <summary>
/// Storing harvested pages: the worker's COPY + merge (one transaction per page, cursor included)
/// against the original's row-by-row upsert, on the same PostgreSQL, same pages, same run.
/// </summary>
internal static class StorageBenchmark
{
    public static async Task<int> RunAsync(string connectionString, IReadOnlyList<string> args)
    {
        var pages = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var pageSize = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var rounds = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new SignalStore(dataSource);
        var batches = Enumerable.Range(0, pages).Select(p => SyntheticPosts.Page(p, pageSize)).ToList();

        Console.WriteLine($"storing {pages} pages x {pageSize} posts, {rounds} rounds each (median), PostgreSQL {await ServerVersionAsync(dataSource)}");
        var results = new List<(string Name, double Insert, double Update)>();
        foreach (var (name, storePage) in new (string, Func<string, IReadOnlyList<XPost>, Task>)[]
        {
            ("row-by-row upsert (baseline)", (query, posts) => RowByRow.StoreAsync(dataSource, query, posts)),
            ("COPY + merge (SignalStore)", (query, posts) => store.StorePageAsync(DataOrigin.Live, query, posts, HarvestCursor.Start, CancellationToken.None)),
        })
        {
            var inserts = new List<double>();
            var updates = new List<double>();
            for (var round = 0; round < rounds + 1; round++)
            {
                await ExecuteAsync(dataSource, "truncate tweets, cursors cascade");
                var fresh = await TimeAsync(() => StoreAllAsync(storePage, batches));
                var again = await TimeAsync(() => StoreAllAsync(storePage, batches.Select(b => b.Select(Engage).ToList()).ToList()));
                if (round > 0) // the first round warms up connections, JIT and caches
                {
                    inserts.Add(pages * pageSize / fresh.TotalSeconds);
                    updates.Add(pages * pageSize / again.TotalSeconds);
                }
            }

            results.Add((name, Measure.Median(inserts), Measure.Median(updates)));
        }

        var baseline = results[0];
        Console.WriteLine($"{"method",-30} {"new posts/s",12} {"ratio",7} {"updated posts/s",16} {"ratio",7}");
        foreach (var (name, insert, update) in results)
        {
            Console.WriteLine($"{name,-30} {insert,12:F0} {insert / baseline.Insert,6:F2}x {update,16:F0} {update / baseline.Update,6:F2}x");
        }

        return 0;
    }

    private static async Task StoreAllAsync(Func<string, IReadOnlyList<XPost>, Task> storePage, IReadOnlyList<IReadOnlyList<XPost>> all)
    {
        foreach (var page in all)
        {
            await storePage("bench", page);
        }
    }

    private static XPost Engage(XPost post) => post with { LikeCount = post.LikeCount + 1, RetweetCount = post.RetweetCount + 1 };

    private static async Task<TimeSpan> TimeAsync(Func<Task> body)
    {
        var started = Stopwatch.GetTimestamp();
        await body();
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ServerVersionAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return connection.PostgreSqlVersion.ToString();
    }
}
