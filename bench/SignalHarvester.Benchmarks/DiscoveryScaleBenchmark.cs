using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Data;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Discovery.Stages;

namespace SignalHarvester.Benchmarks;

/// <summary>
/// The discovery pipeline's database-wide stages (topics, score, topic evolution, relationships) at
/// scale: seeds N artifacts with embeddings and topics, runs the worker's own stages in this process
/// and prints each stage's wall time and peak resident memory; the baseline, in the same run and on
/// the same database, is the relationship stage as it was configured before the index (the exact
/// quadratic comparison of the 5,000 newest artifacts). Then the index's recall against exact links.
/// </summary>
internal static class DiscoveryScaleBenchmark
{
    private const int SeedBatch = 5000;
    private const int RecallSample = 1000;

    public static async Task<int> RunAsync(string connectionString, IReadOnlyList<string> args)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var only = Environment.GetEnvironmentVariable("BENCH_STAGES");
        var now = DateTimeOffset.UtcNow;
        var relationships = new RelationshipDetectionOptions();
        Console.WriteLine($"discovery at {count:N0} artifacts: {Environment.ProcessorCount} cores, load average {LoadAverage()}, .NET {Environment.Version}");

        var seeded = Stopwatch.StartNew();
        await SeedAsync(connectionString, count, now);
        Console.WriteLine($"seeded {count:N0} artifacts (embedded by the local generator, {HashedNgramEmbeddingGenerator.DefaultDimensions} dimensions) in {seeded.Elapsed.TotalSeconds:F1} s");

        using var host = BuildHost(connectionString);
        var results = new List<(string Stage, double Seconds, double Cpu, long Peak, int Count)>();

        async Task MeasureAsync(string stage, Func<IServiceProvider, Task<int>> run)
        {
            if (only is not null && !stage.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            await using var scope = host.Services.CreateAsyncScope();
            PeakMemory.Reset();
            var before = PeakMemory.ResidentBytes();
            var started = Stopwatch.GetTimestamp();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var items = await run(scope.ServiceProvider);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            results.Add((stage, seconds, cpu.TotalSeconds, PeakMemory.PeakBytes(), items));
            Console.WriteLine($"  {stage}: {seconds:F1} s ({cpu.TotalSeconds:F1} s of CPU in this process), peak {Megabytes(PeakMemory.PeakBytes())} MB (resident before: {Megabytes(before)} MB), {items:N0} items, load average {LoadAverage()}");
        }

        // Before: the relationship stage as configured until now, the exact comparison of the 5,000 newest.
        await MeasureAsync("relationships, 5,000 newest, exact (baseline)", services => ActivatorUtilities
            .CreateInstance<DetectRelationshipsStage>(services, Options.Create(new RelationshipDetectionOptions { MaxSemanticArtifacts = 5000, ExactSemanticUpTo = 5000 }))
            .RunAsync(CancellationToken.None));
        await MeasureAsync("topics", services => services.GetRequiredService<UpdateTopicsStage>().RunAsync(CancellationToken.None));
        await MeasureAsync("score", services => services.GetRequiredService<ScoreArtifactsStage>().RunAsync(CancellationToken.None));
        await MeasureAsync("evolve topics", services => services.GetRequiredService<EvolveTopicsStage>().RunAsync(CancellationToken.None));
        await MeasureAsync("relationships, all, index", services => services.GetRequiredService<DetectRelationshipsStage>().RunAsync(CancellationToken.None));

        var pipeline = results.Where(r => !r.Stage.Contains("baseline", StringComparison.Ordinal)).ToList();
        var baseline = results.FirstOrDefault(r => r.Stage.Contains("baseline", StringComparison.Ordinal));
        Console.WriteLine();
        Console.WriteLine("| stage | seconds | CPU s (this process) | peak MB | items | time vs baseline | peak vs baseline |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (stage, seconds, cpu, peak, items) in results)
        {
            Console.WriteLine($"| {stage} | {seconds:F1} | {cpu:F1} | {Megabytes(peak)} | {items:N0} | {Ratio(seconds, baseline.Seconds)} | {Ratio(peak, baseline.Peak)} |");
        }

        if (pipeline.Count > 0)
        {
            Console.WriteLine($"| **the four stages** | **{pipeline.Sum(r => r.Seconds):F1}** | **{pipeline.Sum(r => r.Cpu):F1}** | **{Megabytes(pipeline.Max(r => r.Peak))}** | | {Ratio(pipeline.Sum(r => r.Seconds), baseline.Seconds)} | {Ratio(pipeline.Max(r => r.Peak), baseline.Peak)} |");
        }

        Console.WriteLine($"process peak over the whole run (seeding included): {Megabytes(Process.GetCurrentProcess().PeakWorkingSet64)} MB; load average now {LoadAverage()}");
        await RecallAsync(connectionString, relationships, now);
        return 0;
    }

    private static IHost BuildHost(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{ResourceNames.Database}"] = connectionString });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddHarvestDatabase(DatabaseTimeouts.Background);
        builder.AddDiscoveryScoring();
        builder.AddTopicAndRelationshipSettings();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DiscoveryMetrics>();
        builder.Services.AddScoped<UpdateTopicsStage>();
        builder.Services.AddScoped<ScoreArtifactsStage>();
        builder.Services.AddScoped<EvolveTopicsStage>();
        builder.Services.AddScoped<DetectRelationshipsStage>();
        return builder.Build();
    }

    // Artifacts through binary COPY, a batch at a time (embedded by the worker's own local generator), then their topics.
    private static async Task SeedAsync(string connectionString, int count, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "truncate artifacts, topics restart identity cascade");
        using var generator = new HashedNgramEmbeddingGenerator();
        foreach (var batch in SyntheticArtifacts.Generate(count, now).Chunk(SeedBatch))
        {
            var embeddings = await generator.GenerateAsync(batch.Select(a => $"{a.Title}\n{a.Text}"));
            await using var writer = await connection.BeginBinaryImportAsync(
                "copy artifacts (source, source_id, origin, artifact_type, title, text, url, published_at, authors, embedding, raw, inserted_at, updated_at) from stdin (format binary)");
            for (var i = 0; i < batch.Length; i++)
            {
                var artifact = batch[i];
                await writer.StartRowAsync();
                await writer.WriteAsync(artifact.Source, NpgsqlDbType.Varchar);
                await writer.WriteAsync(artifact.SourceId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(DataOrigin.Live, NpgsqlDbType.Varchar);
                await writer.WriteAsync(artifact.ArtifactType, NpgsqlDbType.Varchar);
                await writer.WriteAsync(artifact.Title, NpgsqlDbType.Varchar);
                await writer.WriteAsync(artifact.Text, NpgsqlDbType.Text);
                await writer.WriteAsync(artifact.Url, NpgsqlDbType.Varchar);
                await writer.WriteAsync(artifact.PublishedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("[\"A. Author\"]", NpgsqlDbType.Jsonb);
                await writer.WriteAsync(embeddings[i].Vector.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Real);
                await writer.WriteAsync(JsonSerializer.Serialize(new { topics = artifact.Topics }), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(artifact.PublishedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(artifact.PublishedAt, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var topics = new NpgsqlCommand("insert into topics (name, display_name, artifact_count, created_at) select unnest(@names), unnest(@names), 0, now()", connection))
        {
            topics.Parameters.AddWithValue("names", SyntheticArtifacts.TopicNames.ToArray());
            await topics.ExecuteNonQueryAsync();
        }

        // The first topic is the main one (highest confidence), as the classifier assigns them.
        await ExecuteAsync(connection, """
            insert into artifact_topics (artifact_id, topic_id, confidence, assigned_at)
            select a.id, t.id, case when topic.ordinality = 1 then 0.9 else 0.6 end, a.published_at
            from artifacts a
            cross join lateral jsonb_array_elements_text(a.raw->'topics') with ordinality as topic(name, ordinality)
            join topics t on t.name = topic.name
            """);
        await ExecuteAsync(connection, "vacuum analyze"); // as autovacuum would have by now
    }

    // The index's recall: for a seeded sample of the compared artifacts, the share of each one's exact
    // top-k (every other-source artifact compared, double precision, rounded) that the index also finds.
    private static async Task RecallAsync(string connectionString, RelationshipDetectionOptions options, DateTimeOffset now)
    {
        var artifacts = new List<EmbeddedArtifact>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select id, source, embedding from artifacts where embedding is not null and published_at >= @since order by published_at desc, id limit @max", connection);
            command.Parameters.AddWithValue("since", now.AddDays(-options.SemanticWindowDays));
            command.Parameters.AddWithValue("max", options.MaxSemanticArtifacts);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                artifacts.Add(new EmbeddedArtifact(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<float[]>(2)));
            }
        }

        var units = artifacts.Select(a => Unit(a.Embedding)).ToArray();
        var random = new Random(7);
        var sample = Enumerable.Range(0, artifacts.Count).OrderBy(_ => random.Next()).Take(Math.Min(RecallSample, artifacts.Count)).ToArray();
        var started = Stopwatch.GetTimestamp();
        var exact = new (long Id, double Similarity)[sample.Length][];
        Parallel.For(0, sample.Length, s => exact[s] = ExactNearest(artifacts, units, sample[s], options.SemanticThreshold, options.SemanticTopK));
        var exactSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        units = null;

        var breadths = (Environment.GetEnvironmentVariable("BENCH_BREADTH") ?? SemanticLinkIndex.DefaultBreadth.ToString(CultureInfo.InvariantCulture))
            .Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture));
        foreach (var breadth in breadths)
        {
            started = Stopwatch.GetTimestamp();
            var index = SemanticLinkIndex.Build(artifacts, breadth);
            var built = Stopwatch.GetElapsedTime(started).TotalSeconds;
            started = Stopwatch.GetTimestamp();
            var links = index.Links(options.SemanticThreshold, options.SemanticTopK);
            var searched = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var (found, asSimilar, expected) = (0, 0, 0);
            for (var s = 0; s < sample.Length; s++)
            {
                var approximate = index.Nearest(artifacts[sample[s]].Id, options.SemanticThreshold, options.SemanticTopK);
                expected += exact[s].Length;
                found += exact[s].Count(e => approximate.Contains(e));
                // Where equally similar artifacts tie, the exact rule takes the lower id: a tie found instead is as similar.
                asSimilar += exact[s].Where((e, rank) => rank < approximate.Count && approximate[rank].Similarity >= e.Similarity).Count();
            }

            Console.WriteLine($"index over {artifacts.Count:N0} artifacts, breadth {breadth}: built in {built:F1} s, searched in {searched:F1} s, {links.Count:N0} links; "
                              + $"recall at k = {options.SemanticTopK}: {(double)found / expected:F4} ({found:N0} of {expected:N0} exact neighbours of {sample.Length:N0} sampled artifacts; as similar: {(double)asSimilar / expected:F4}, "
                              + $"whose exact top-k took {exactSeconds:F1} s)");
        }
    }

    // Every other-source artifact compared: the rule of SemanticLinks.Find read directly for one artifact.
    private static (long Id, double Similarity)[] ExactNearest(List<EmbeddedArtifact> artifacts, double[][] units, int i, double threshold, int topK)
    {
        var nearest = new List<(long Id, double Similarity)>();
        for (var j = 0; j < artifacts.Count; j++)
        {
            if (artifacts[j].Source != artifacts[i].Source)
            {
                var similarity = Math.Round(Math.Clamp(TensorPrimitives.Dot<double>(units[i], units[j]), -1, 1), SemanticLinks.Decimals);
                if (similarity >= threshold)
                {
                    nearest.Add((artifacts[j].Id, similarity));
                }
            }
        }

        return [.. nearest.OrderByDescending(n => n.Similarity).ThenBy(n => n.Id).Take(topK)];
    }

    private static double[] Unit(float[] embedding)
    {
        var vector = Array.ConvertAll(embedding, x => (double)x);
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm<double>(vector), vector);
        return vector;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture);

    private static string Ratio(double value, double baseline) => baseline > 0 ? $"{value / baseline:F2}x" : "-";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
