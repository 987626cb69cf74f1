using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SignalHarvester.Tests.External;

[CollectionDefinition(Name)]
public sealed class ExternalStackCollection : ICollectionFixture<ExternalStackFixture>
{
    public const string Name = "external stack";
}

/// <summary>
/// <c>external</c> mode end to end: the stack migrates a managed-like PostgreSQL over verified TLS and
/// serves from it, caches in a managed-like Redis over TLS, and the operator's <c>verify</c> and
/// <c>check</c> report on it with the DSN in the environment only.
/// </summary>
[Collection(ExternalStackCollection.Name)]
public sealed class ExternalInfrastructureTests(ExternalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task The_stack_migrates_the_managed_database_and_the_api_reads_from_it()
    {
        await using var db = await stack.OpenDatabaseAsync();
        Assert.True(await Sql.ScalarAsync<long>(db, "select count(*) from schema_version") > 0, "the migrations ran against the managed database");
        Assert.True(await Sql.ScalarAsync<bool>(db, "select ssl from pg_stat_ssl where pid = pg_backend_pid()"), "the server only speaks TLS");
        var id = await Sql.ScalarAsync<long>(db,
            """
            insert into entities (entity_type, name, normalized_name, affiliation, expertise_score, created_at, updated_at)
            values ('person', 'Managed Database Reader', 'managed database reader', 'External Mode Lab', 0, now(), now())
            returning id
            """);

        using var client = stack.CreateApiClient();
        using var response = await client.SendAsync(ApiTestHelpers.Request(HttpMethod.Get, $"/api/v1/entities/{id}", await stack.App.ApiKeyAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("External Mode Lab", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrations_create_the_application_role_on_the_managed_server_and_the_services_use_it_over_tls()
    {
        await using var db = await stack.OpenDatabaseAsync();

        // The role did not exist on the managed server: the migrations created it from ConnectionStrings:harvest-app.
        Assert.False(await Sql.ScalarAsync<bool>(db,
            $"select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = '{ExternalStackFixture.ApplicationRole}'"));
        await Eventually.ReturnsAsync(
            () => Sql.ScalarAsync<long>(db,
                $"""
                select count(*) from pg_stat_activity a join pg_stat_ssl s using (pid)
                where a.usename = '{ExternalStackFixture.ApplicationRole}' and a.datname = '{ManagedPostgres.Database}' and s.ssl
                """),
            sessions => sessions > 0,
            TimeSpan.FromSeconds(30),
            "a TLS session of the application role on the managed database");
    }

    [Fact]
    public async Task A_managed_owner_with_the_bundled_application_connection_is_refused_before_anything_changes()
    {
        // The bundle with DATABASE_URL set and APP_DATABASE_URL forgotten: the API and the worker would look for the bundled server.
        var database = $"harvest_mismatch_{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string>
        {
            [$"ConnectionStrings__{ResourceNames.Database}"] = "Host=postgres;Port=5432;Username=postgres;Password=bundled;Database=harvest",
            [$"ConnectionStrings__{ResourceNames.ApplicationDatabase}"] = "Host=postgres;Port=5432;Username=harvest_app;Password=bundled;Database=harvest",
            ["External__Database"] = stack.Postgres.Url(stack.Certificates.CaFile, database),
        };

        var migrate = await MigrationCli.RunAsync(environment);

        Assert.Equal(1, migrate.ExitCode);
        var error = Assert.Single(migrate.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: the application role's connection (postgresql://harvest_app:***@postgres:5432/harvest) is not the migrated database", error, StringComparison.Ordinal);
        Assert.Contains("set APP_DATABASE_URL", error, StringComparison.Ordinal);
        await using var db = await stack.OpenDatabaseAsync();
        Assert.False(await Sql.ScalarAsync<bool>(db, $"select exists (select 1 from pg_database where datname = '{database}')"), "nothing was created");
    }

    [Fact]
    public async Task The_api_caches_responses_in_the_managed_redis_over_tls()
    {
        using var client = stack.CreateApiClient();
        using var ready = await client.GetAsync("/health/ready");
        using var health = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.True(ready.StatusCode == HttpStatusCode.OK, health.RootElement.ToString());

        using var discoveries = await client.GetAsync("/api/v1/discoveries");
        Assert.Equal(HttpStatusCode.OK, discoveries.StatusCode);

        await using var redis = await stack.Redis.ConnectAsync(stack.Certificates.CaFile);
        var server = redis.GetServers().Single();
        await Eventually.ReturnsAsync(
            async () => await server.KeysAsync(pattern: "signalharvester:responses:*").CountAsync(),
            count => count > 0,
            TimeSpan.FromSeconds(10),
            "a cached discoveries response in the managed Redis");
    }

    [Fact]
    public async Task Verify_reports_success_over_verified_tls_with_the_dsn_in_the_environment_only()
    {
        var verify = await MigrationCli.RunOnAsync(stack.DatabaseUrl, "verify");
        var check = await MigrationCli.RunOnAsync(stack.DatabaseUrl, "check");
        output.WriteLine(verify.ToString());

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains($"Using DSN: postgresql://{ManagedPostgres.User}:***@127.0.0.1:{stack.Postgres.Port}/{ManagedPostgres.Database}?sslmode=VerifyFull", verify.Output);
        Assert.Matches(@"✓ TLS: TLSv1\.[23] \S+ \(certificate and host name verified, sslmode=VerifyFull\)", verify.Output);
        Assert.Contains("PostgreSQL Migration Validation: SUCCESS", verify.Output);
        Assert.DoesNotContain(ExternalStackFixture.Password, verify.Output + verify.Error, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("Schema check passed", check.Output);
    }

    [Fact]
    public async Task Concurrent_bundle_migrations_take_the_managed_database_over_the_bundled_one_one_applying()
    {
        // The migrations service's environment in the bundle with DATABASE_URL set: the bundled connection string
        // (host "postgres", unreachable here) stays beside the managed URL, which wins.
        var environment = new Dictionary<string, string>
        {
            [$"ConnectionStrings__{ResourceNames.Database}"] = "Host=postgres;Port=5432;Username=postgres;Password=bundled;Database=harvest",
            ["External__Database"] = stack.Postgres.Url(stack.Certificates.CaFile, "harvest_bundle"),
        };

        var runs = await Task.WhenAll(MigrationCli.RunAsync(environment), MigrationCli.RunAsync(environment));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Single(runs, run => run.Output.Contains("Applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_ca_fails_verify_with_one_clear_line()
    {
        // verify opens one connection and reports; how long that takes is the machine's, so it is not asserted.
        var wrongCa = stack.Postgres.Url(stack.Certificates.WrongCaFile);
        var verify = await MigrationCli.RunOnAsync(wrongCa, "verify");
        output.WriteLine(verify.ToString());

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("PostgreSQL Migration Validation: FAILURE", verify.Output);
        var error = Assert.Single(verify.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: verification failed: ", error, StringComparison.Ordinal);
        Assert.Contains("certificate", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_process_has_a_managed_password_on_its_command_line()
    {
        // The managed servers, the AppHost's services and the verbs all run now; none may show the secret in `ps`.
        var secrets = new[]
        {
            ExternalStackFixture.Password, Uri.EscapeDataString(ExternalStackFixture.Password),
            ExternalStackFixture.ApplicationPassword, Uri.EscapeDataString(ExternalStackFixture.ApplicationPassword),
        };
        var processes = 0;
        foreach (var cmdline in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "cmdline")))
        {
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(cmdline).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // the process ended meanwhile
            }

            processes++;
            Assert.DoesNotContain(secrets, secret => commandLine.Contains(secret, StringComparison.Ordinal));
        }

        Assert.True(processes > 5, $"read {processes} command lines");
    }

    [Fact]
    public async Task The_cache_url_trusts_the_ca_it_names_and_no_other()
    {
        await using (var trusted = await stack.Redis.ConnectAsync(stack.Certificates.CaFile))
        {
            await trusted.GetDatabase().PingAsync();
        }

        await Assert.ThrowsAsync<StackExchange.Redis.RedisConnectionException>(() => stack.Redis.ConnectAsync(stack.Certificates.WrongCaFile));
    }
}
