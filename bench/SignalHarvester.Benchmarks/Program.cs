using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Benchmarks;
using SignalHarvester.Worker.Signals.XApi;

// Storing harvested pages: the worker's COPY + merge (one transaction per page, cursor included)
// against the original's row-by-row upsert, on the same PostgreSQL, same pages, same run.
var connectionString = args.Length > 0 ? args[0] : throw new ArgumentException("usage: SignalHarvester.Benchmarks <connection string> [pages] [page size] [rounds]");
var pages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var pageSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;

await using var dataSource = NpgsqlDataSource.Create(connectionString);
var store = new TweetStore(dataSource);
var batches = Enumerable.Range(0, pages).Select(p => SyntheticPosts.Page(p, pageSize)).ToList();

Console.WriteLine($"storing {pages} pages x {pageSize} posts, {rounds} rounds each (median), PostgreSQL {await ServerVersionAsync()}");
var results = new List<(string Name, double Insert, double Update)>();
foreach (var (name, store1) in new (string, Func<string, IReadOnlyList<XPost>, Task>)[]
{
    ("row-by-row upsert (baseline)", (query, posts) => RowByRow.StoreAsync(dataSource, query, posts)),
    ("COPY + merge (TweetStore)", (query, posts) => store.StorePageAsync(query, posts, HarvestCursor.Start, CancellationToken.None)),
})
{
    var inserts = new List<double>();
    var updates = new List<double>();
    for (var round = 0; round < rounds + 1; round++)
    {
        await ExecuteAsync("truncate tweets, cursors cascade");
        var fresh = await TimeAsync(() => StoreAllAsync(store1, batches));
        var again = await TimeAsync(() => StoreAllAsync(store1, batches.Select(b => b.Select(Engage).ToList()).ToList()));
        if (round > 0) // the first round warms up connections, JIT and caches
        {
            inserts.Add(pages * pageSize / fresh.TotalSeconds);
            updates.Add(pages * pageSize / again.TotalSeconds);
        }
    }

    results.Add((name, Median(inserts), Median(updates)));
}

var baseline = results[0];
Console.WriteLine($"{"method",-30} {"new posts/s",12} {"ratio",7} {"updated posts/s",16} {"ratio",7}");
foreach (var (name, insert, update) in results)
{
    Console.WriteLine($"{name,-30} {insert,12:F0} {insert / baseline.Insert,6:F2}x {update,16:F0} {update / baseline.Update,6:F2}x");
}

async Task StoreAllAsync(Func<string, IReadOnlyList<XPost>, Task> store1, IReadOnlyList<IReadOnlyList<XPost>> all)
{
    foreach (var page in all)
    {
        await store1("bench", page);
    }
}

static XPost Engage(XPost post) => post with { LikeCount = post.LikeCount + 1, RetweetCount = post.RetweetCount + 1 };

static async Task<TimeSpan> TimeAsync(Func<Task> body)
{
    var started = Stopwatch.GetTimestamp();
    await body();
    return Stopwatch.GetElapsedTime(started);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

async Task ExecuteAsync(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    await command.ExecuteNonQueryAsync();
}

async Task<string> ServerVersionAsync()
{
    await using var connection = await dataSource.OpenConnectionAsync();
    return connection.PostgreSqlVersion.ToString();
}
