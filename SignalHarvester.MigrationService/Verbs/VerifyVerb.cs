using Microsoft.EntityFrameworkCore;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.MigrationService.Schema;

namespace SignalHarvester.MigrationService.Verbs;

/// <summary>
/// <c>verify</c>: the original's verify-postgres report — connection (password masked), server
/// version, tables found against expected, schema version, optional row counts, then SUCCESS or FAILURE.
/// </summary>
internal static class VerifyVerb
{
    private const string Rule = "--------------------------------------------------";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, bool rowCounts, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<MigrationRunner>();
        await output.WriteLineAsync("PostgreSQL Schema Validation");
        await output.WriteLineAsync($"Using DSN: {DatabaseUrl.Masked(runner.ConnectionString)}");

        var failures = new List<string>();
        try
        {
            await using var connection = await runner.OpenAsync(cancellationToken);
            await output.WriteLineAsync($"✓ Connected to PostgreSQL: {connection.PostgreSqlVersion}");
            await output.WriteLineAsync(await TlsReport.DescribeAsync(connection, cancellationToken));

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HarvestDbContext>();
            var expected = ModelSchemaReader.TableNames(db);
            var live = await LiveSchemaReader.ReadAsync(connection, cancellationToken);
            var missing = expected.Where(t => !live.Tables.ContainsKey(t)).ToList();
            await output.WriteLineAsync($"{Mark(missing.Count == 0)} Found {expected.Count - missing.Count} of {expected.Count} expected tables");
            if (missing.Count > 0)
            {
                failures.Add($"missing tables: {string.Join(", ", missing)}");
                await output.WriteLineAsync($"  missing: {string.Join(", ", missing)}");
            }

            var version = live.Tables.ContainsKey("schema_version")
                ? await db.SchemaVersions.OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken)
                : null;
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (version is null)
            {
                failures.Add("no schema version recorded");
                await output.WriteLineAsync("✗ Schema version: none (run migrate)");
            }
            else
            {
                await output.WriteLineAsync($"{Mark(pending.Count == 0)} Schema version: {version.Version} ({version.Name}, applied {version.AppliedAt:u})");
            }

            if (pending.Count > 0)
            {
                failures.Add($"{pending.Count} pending migration(s)");
                await output.WriteLineAsync($"✗ {pending.Count} pending migration(s): {string.Join(", ", pending)}");
            }

            if (rowCounts)
            {
                await output.WriteLineAsync("Row counts:");
                foreach (var table in expected.Where(live.Tables.ContainsKey))
                {
                    await using var count = new NpgsqlCommand($"select count(*) from \"{table}\"", connection);
                    await output.WriteLineAsync($"  {table,-28} {await count.ExecuteScalarAsync(cancellationToken),10}");
                }
            }
        }
        catch (NpgsqlException e)
        {
            var reason = VerbRunner.Describe(e);
            failures.Add(reason);
            await output.WriteLineAsync($"✗ Connection failed: {reason}");
        }

        await output.WriteLineAsync(Rule);
        await output.WriteLineAsync($"PostgreSQL Migration Validation: {(failures.Count == 0 ? "SUCCESS" : "FAILURE")}");
        await output.WriteLineAsync(Rule);
        if (failures.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: verification failed: {string.Join("; ", failures)}");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static string Mark(bool ok) => ok ? "✓" : "✗";
}
