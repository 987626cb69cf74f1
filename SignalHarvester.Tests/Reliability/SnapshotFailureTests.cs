using Npgsql;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Tests.Signals;
using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Tests.Reliability;

/// <summary>
/// Snapshot rows end ready or failed, never stuck processing: an export failing with something other than an IO
/// error (here the database refusing to record it as ready) marks its rows failed, and rows an interrupted export
/// left processing are failed by the next export.
/// </summary>
[Collection(SignalsCollection.Name)]
public sealed class SnapshotFailureTests(SignalsStackFixture stack)
{
    [Fact]
    public async Task An_export_failing_with_any_exception_leaves_its_rows_failed_and_abandoned_rows_are_swept()
    {
        await using var db = await stack.OpenDatabaseAsync();
        var started = await ScalarAsync<DateTime>(db, "select now()");
        var abandoned = await ScalarAsync<long>(db, """
            insert into snapshots (status, format, item_count, created_at)
            values ('processing', 'json', 1, now() - interval '1 hour') returning id
            """);
        // The database refuses to record this export as ready: a failure that is not an IO error, at the last step.
        await ExecuteAsync(db, """
            create function refuse_ready_snapshot() returns trigger language plpgsql as $$
            begin
                if new.status = 'ready' then raise exception 'injected: recording the export failed'; end if;
                return new;
            end $$;
            create trigger refuse_ready_snapshot before update on snapshots for each row execute function refuse_ready_snapshot();
            """);
        var job = stack.Jobs.Enqueue<ISnapshotExportJob>(j => j.RunAsync(CancellationToken.None));
        try
        {
            var statuses = await Eventually.ReturnsAsync(
                async () => string.Join(",", await ListAsync(db, "select status from snapshots where created_at >= @started and id <> @abandoned", started, abandoned)),
                s => s.Length > 0 && !s.Contains("processing", StringComparison.Ordinal),
                TimeSpan.FromMinutes(1),
                "the failed export's rows leaving processing");
            Assert.All(statuses.Split(','), status => Assert.Equal("failed", status));
            Assert.Equal("failed", (await ListAsync(db, "select status from snapshots where id = @abandoned", started, abandoned)).Single());
        }
        finally
        {
            stack.Jobs.Delete(job);
            await ExecuteAsync(db, "drop trigger refuse_ready_snapshot on snapshots; drop function refuse_ready_snapshot();");
            // Other tests of the collection count the snapshot rows: leave only what they expect.
            await using var cleanup = new NpgsqlCommand("delete from snapshots where status <> 'ready' and (created_at >= @started or id = @abandoned)", db);
            cleanup.Parameters.AddWithValue("started", started);
            cleanup.Parameters.AddWithValue("abandoned", abandoned);
            await cleanup.ExecuteNonQueryAsync();
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection db, string sql, DateTime started, long abandoned)
    {
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.AddWithValue("started", started);
        command.Parameters.AddWithValue("abandoned", abandoned);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
