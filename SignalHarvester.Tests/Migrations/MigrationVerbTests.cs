using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Migrations;

/// <summary>The migration service's verbs from a plain shell, against databases on the stack's real PostgreSQL.</summary>
[Collection(MigrationVerbCollection.Name)]
public sealed class MigrationVerbTests(PostgresOnlyStackFixture stack) : IAsyncLifetime
{
    private readonly ScratchDatabases scratch = new(stack);

    private static readonly int MigrationCount = CountMigrations();

    private static readonly int TableCount = CountTables();

    private static int CountMigrations()
    {
        using var db = ModelOnlyDbContext.Create();
        return db.Database.GetMigrations().Count();
    }

    private static int CountTables()
    {
        using var db = ModelOnlyDbContext.Create();
        return db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Count();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scratch.DisposeAsync();

    [Fact]
    public async Task Migrate_creates_the_schema_in_an_empty_database_and_a_second_run_has_nothing_to_do()
    {
        var url = await scratch.NewDatabaseUrlAsync();

        var first = await MigrationCli.RunOnAsync(url, "migrate");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains($"Applied {MigrationCount} migration(s); schema at version {MigrationCount}", first.Output);

        var second = await MigrationCli.RunOnAsync(url, "migrate");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"Schema up to date at version {MigrationCount}", second.Output);
        Assert.Equal(MigrationCount, await scratch.ScalarAsync<long>(ScratchDatabases.DatabaseOf(url), "select count(*) from schema_version"));
        Assert.True(await scratch.ScalarAsync<long>(ScratchDatabases.DatabaseOf(url),
            "select count(*) from information_schema.tables where table_schema = 'hangfire' and table_name = 'job'") == 1,
            "Hangfire's schema is installed with the application's");
    }

    [Fact]
    public async Task Three_concurrent_migrations_all_succeed_with_one_consistent_schema()
    {
        var url = await scratch.NewDatabaseUrlAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => MigrationCli.RunOnAsync(url)));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Single(results, r => r.Output.Contains("Applied", StringComparison.Ordinal));
        var database = ScratchDatabases.DatabaseOf(url);
        Assert.Equal(MigrationCount, await scratch.ScalarAsync<long>(database, "select count(*) from schema_version"));
        Assert.Equal(MigrationCount, await scratch.ScalarAsync<long>(database, "select count(distinct version) from schema_version"));
        Assert.Equal(MigrationCount, await scratch.ScalarAsync<long>(database, "select count(*) from \"__EFMigrationsHistory\""));
        var check = await MigrationCli.RunOnAsync(url, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Check_passes_after_migrate_and_names_a_dropped_index_and_a_dropped_column()
    {
        var url = await scratch.NewDatabaseUrlAsync();
        Assert.Equal(0, (await MigrationCli.RunOnAsync(url, "migrate")).ExitCode);

        var clean = await MigrationCli.RunOnAsync(url, "check");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("Schema check passed", clean.Output);

        var database = ScratchDatabases.DatabaseOf(url);
        await scratch.ExecuteAsync("drop index ix_tweets_created_at", database);
        await scratch.ExecuteAsync("alter table artifacts drop column url", database);

        var drifted = await MigrationCli.RunOnAsync(url, "check");
        Assert.Equal(2, drifted.ExitCode);
        Assert.Contains("drift: missing index ix_tweets_created_at", drifted.Output);
        Assert.Contains("drift: missing column artifacts.url", drifted.Output);
        Assert.Single(drifted.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Check_fails_while_migrations_are_pending()
    {
        var url = await scratch.NewEmptyDatabaseUrlAsync();

        var result = await MigrationCli.RunOnAsync(url, "check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("drift: pending migration", result.Output);
        Assert.Contains("drift: missing table tweets", result.Output);
    }

    [Fact]
    public async Task Verify_reports_every_table_and_the_schema_version_and_fails_on_an_empty_database()
    {
        var url = await scratch.NewDatabaseUrlAsync();
        Assert.Equal(0, (await MigrationCli.RunOnAsync(url, "migrate")).ExitCode);

        var verified = await MigrationCli.RunOnAsync(url, "verify", "--row-counts");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains($"Found {TableCount} of {TableCount} expected tables", verified.Output);
        Assert.Contains($"Schema version: {MigrationCount} (", verified.Output);
        Assert.Contains("PostgreSQL Migration Validation: SUCCESS", verified.Output);
        Assert.Matches(@"schema_version\s+" + MigrationCount, verified.Output);
        Assert.DoesNotContain(new Uri(url).UserInfo.Split(':')[1], verified.Output); // password masked

        var empty = await MigrationCli.RunOnAsync(await scratch.NewEmptyDatabaseUrlAsync(), "verify");
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains($"Found 0 of {TableCount} expected tables", empty.Output);
        Assert.Contains("PostgreSQL Migration Validation: FAILURE", empty.Output);
    }

    [Fact]
    public async Task Dry_run_reports_pending_migrations_and_changes_nothing()
    {
        var url = await scratch.NewEmptyDatabaseUrlAsync();

        var result = await MigrationCli.RunOnAsync(url, "migrate", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Connected: PostgreSQL", result.Output);
        Assert.Contains($"{MigrationCount} pending migration(s)", result.Output);
        Assert.Equal(0L, await scratch.ScalarAsync<long>(ScratchDatabases.DatabaseOf(url),
            "select count(*) from information_schema.tables where table_schema = 'public'"));
    }

    [Fact]
    public async Task A_password_with_special_characters_works_percent_encoded_in_a_url()
    {
        const string password = "p!@#$%w:/?x";
        var role = $"harvest_{Guid.NewGuid():N}"[..20];
        await scratch.CreateRoleAsync(role, password);
        var url = await scratch.NewDatabaseUrlAsync(role, password);

        // The one run with a real password on its command line (the option an operator may still use): a role of this
        // test's own, dropped with its database.
        var result = await MigrationCli.RunAsync("migrate", "--database-url", url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Applied", result.Output);
    }

    [Theory]
    [InlineData("mysql://user:pass@localhost/db", "database URL must look like postgresql://")]
    [InlineData("postgresql:///nohost", "database URL has no host")]
    [InlineData("Host=127.0.0.1;Bogus Key=1", "not a valid Npgsql connection string")]
    [InlineData("postgresql://u:p@127.0.0.1:1/harvest", "not reachable within 1 s")]
    public async Task Bad_input_exits_non_zero_with_one_readable_line(string databaseUrl, string expected)
    {
        var result = await MigrationCli.RunAsync("migrate", "--connect-timeout", "1", "--database-url", databaseUrl);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", result.Error); // no stack trace without --verbose
    }
}
