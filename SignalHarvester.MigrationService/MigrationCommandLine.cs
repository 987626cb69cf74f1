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
        var connectTimeout = new Option<int?>("--connect-timeout")
        {
            Description = "Seconds to keep retrying a database that is still starting (default 60)",
            Recursive = true,
        };
        var common = new CommonOptions(databaseUrl, verbose, connectTimeout);
        var dryRun = new Option<bool>("--dry-run") { Description = "Connect, print the server version and pending migrations, change nothing" };

        var migrate = new Command("migrate", "Apply pending migrations (the default verb)") { dryRun };
        migrate.SetAction((parse, ct) => VerbRunner.RunAsync(parse, common, (services, output, token) =>
            MigrateVerb.RunAsync(services, output, parse.GetValue(dryRun), token), ct));

        var rowCounts = new Option<bool>("--row-counts") { Description = "Also print the number of rows in every table" };
        var verify = new Command("verify", "Report connection, tables, schema version; SUCCESS or FAILURE") { rowCounts };
        verify.SetAction((parse, ct) => VerbRunner.RunAsync(parse, common, (services, output, token) =>
            VerifyVerb.RunAsync(services, output, parse.GetValue(rowCounts), token), ct));

        var check = new Command("check", "Exit non-zero when migrations are pending or the live schema drifted from the model");
        check.SetAction((parse, ct) => VerbRunner.RunAsync(parse, common, CheckVerb.RunAsync, ct));

        var purgeSamples = new Command("purge-samples", "Remove every sample post and artifact (and what only they produced); live data is untouched");
        purgeSamples.SetAction((parse, ct) => VerbRunner.RunAsync(parse, common, PurgeSamplesVerb.RunAsync, ct));

        var root = new RootCommand("SignalHarvester database migrations and schema checks") { databaseUrl, verbose, connectTimeout, migrate, verify, check, purgeSamples };
        root.SetAction((parse, ct) => VerbRunner.RunAsync(parse, common, (services, output, token) =>
            MigrateVerb.RunAsync(services, output, dryRun: false, token), ct));
        return root;
    }
}
