using System.CommandLine;
using SignalHarvester.MigrationService.Verbs;

namespace SignalHarvester.MigrationService;

/// <summary>The operator verbs. With no verb (as the AppHost runs it) the service migrates.</summary>
internal static class MigrationCommandLine
{
    public static RootCommand Create()
    {
        var databaseUrl = new Option<string?>("--database-url")
        {
            Description = "postgresql://user:pass@host:port/db URL or Npgsql connection string; default: the connection string the AppHost provides",
            Recursive = true,
        };
        var verbose = new Option<bool>("--verbose") { Description = "Log progress and print stack traces on failure", Recursive = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Connect, print the server version and pending migrations, change nothing" };

        var migrate = new Command("migrate", "Apply pending migrations (the default verb)") { dryRun };
        migrate.SetAction((parse, ct) => VerbRunner.RunAsync(parse, databaseUrl, verbose, (services, output, token) =>
            MigrateVerb.RunAsync(services, output, parse.GetValue(dryRun), token), ct));

        var root = new RootCommand("SignalHarvester database migrations and schema checks") { databaseUrl, verbose, migrate };
        root.SetAction((parse, ct) => VerbRunner.RunAsync(parse, databaseUrl, verbose, (services, output, token) =>
            MigrateVerb.RunAsync(services, output, dryRun: false, token), ct));
        return root;
    }
}
