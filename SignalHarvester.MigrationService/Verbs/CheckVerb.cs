using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;
using SignalHarvester.MigrationService.Schema;

namespace SignalHarvester.MigrationService.Verbs;

/// <summary>
/// <c>check</c>: exit 0 only when no migration is pending and the live schema has every table,
/// column (with its type), index and constraint the model expects; otherwise name each difference.
/// </summary>
internal static class CheckVerb
{
    public const int DriftExitCode = 2;

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<MigrationRunner>();
        await using var connection = await runner.OpenAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HarvestDbContext>();

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var model = ModelSchemaReader.Read(db);
        var drift = SchemaDrift.Find(model, await LiveSchemaReader.ReadAsync(connection, cancellationToken));
        var differences = pending.Select(m => $"pending migration {m}").Concat(drift).ToList();

        foreach (var difference in differences)
        {
            await output.WriteLineAsync($"drift: {difference}");
        }

        if (differences.Count == 0)
        {
            await output.WriteLineAsync(
                $"Schema check passed: {model.Tables.Count} tables, {model.Tables.Sum(t => t.Value.Count)} columns, " +
                $"{model.Indexes.Count} indexes, {model.Constraints.Count} constraints match the model.");
            return 0;
        }

        await Console.Error.WriteLineAsync($"error: schema check failed: {differences.Count} difference(s), first: {differences[0]}");
        return DriftExitCode;
    }
}
