namespace SignalHarvester.MigrationService.Verbs;

/// <summary><c>migrate</c>: apply pending migrations; with <c>--dry-run</c>, only say what would be applied.</summary>
internal static class MigrateVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, bool dryRun, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<MigrationRunner>();
        if (dryRun)
        {
            var server = await runner.WaitForServerAsync(cancellationToken);
            var pending = await runner.PendingMigrationsAsync(server, cancellationToken);
            await output.WriteLineAsync($"Connected: PostgreSQL {server.Version}");
            if (!server.DatabaseExists)
            {
                await output.WriteLineAsync("Database does not exist yet: migrate would create it.");
            }

            await output.WriteLineAsync($"{pending.Count} pending migration(s){(pending.Count > 0 ? ":" : "")}");
            foreach (var migration in pending)
            {
                await output.WriteLineAsync($"  {migration}");
            }

            await output.WriteLineAsync("Dry run: nothing changed.");
            return 0;
        }

        var result = await runner.MigrateAsync(cancellationToken);
        await output.WriteLineAsync(result.Applied.Count == 0
            ? $"Schema up to date at version {result.SchemaVersion} (PostgreSQL {result.Server.Version})."
            : $"Applied {result.Applied.Count} migration(s); schema at version {result.SchemaVersion} (PostgreSQL {result.Server.Version}).");
        return 0;
    }
}
