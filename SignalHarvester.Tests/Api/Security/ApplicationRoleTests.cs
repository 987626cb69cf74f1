using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using SignalHarvester.Domain;
using SignalHarvester.Hosting.Infrastructure;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Api.Security;

/// <summary>
/// Least privilege in the database: the migrations own the schema; the API and the worker connect as the
/// application role, which reads and writes rows and can do nothing else.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ApplicationRoleTests(StackFixture stack)
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task The_api_and_the_worker_connect_as_the_application_role_without_the_owners_password()
    {
        var ownerPassword = new NpgsqlConnectionStringBuilder(await stack.DatabaseConnectionStringAsync()).Password!;
        foreach (var name in new[] { ResourceNames.Api, ResourceNames.Worker })
        {
            // The environment the orchestrator started the service with.
            var environment = stack.Snapshot(name)!.Snapshot.EnvironmentVariables.ToDictionary(e => e.Name, e => e.Value ?? "");

            var connection = new NpgsqlConnectionStringBuilder(environment[$"ConnectionStrings__{ResourceNames.Database}"]);
            Assert.Equal(InfrastructureExtensions.ApplicationRole, connection.Username);
            Assert.DoesNotContain(environment, e => e.Value.Contains(ownerPassword, StringComparison.Ordinal));
        }

        await using var db = await stack.OpenDatabaseAsync();
        // The worker's queue listener and the services' pools hold sessions as the role.
        await Eventually.ReturnsAsync(
            () => Sql.ScalarAsync<long>(db, $"select count(*) from pg_stat_activity where usename = '{InfrastructureExtensions.ApplicationRole}' and datname = '{ResourceNames.Database}'"),
            sessions => sessions > 0,
            TimeSpan.FromSeconds(30),
            "a session of the application role on the application database");
        // Stored as a SCRAM verifier: the migrations never sent the password itself.
        Assert.StartsWith("SCRAM-SHA-256$4096:", await Sql.ScalarAsync<string>(db,
            $"select rolpassword from pg_authid where rolname = '{InfrastructureExtensions.ApplicationRole}'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_application_role_reads_and_writes_rows_but_cannot_change_the_schema_or_its_rights()
    {
        await using var db = await OpenAsApplicationRoleAsync(database: null);

        Assert.True(await Sql.ScalarAsync<long>(db, "select count(*) from schema_version") > 0, "the role reads the application's tables");
        var id = await Sql.ScalarAsync<long>(db,
            """
            insert into entities (entity_type, name, normalized_name, affiliation, expertise_score, created_at, updated_at)
            values ('person', 'Least Privilege', 'least privilege', 'Role Lab', 0, now(), now())
            returning id
            """);
        Assert.Equal(1, await ExecuteAsync(db, $"delete from entities where id = {id}"));

        string[] refused =
        [
            "create table intruder (id int)",
            "create schema intruder",
            "alter table tweets add column intruder int",
            "drop table tweets",
            "truncate tweets",
            "create index intruder on tweets (id)",
            "drop table hangfire.job",
            "create role intruder login",
            "alter role current_user superuser",
        ];
        foreach (var statement in refused)
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, statement));
            Assert.True(error.SqlState == InsufficientPrivilege, $"{statement}: {error.SqlState} {error.MessageText}");
        }

        Assert.False(await Sql.ScalarAsync<bool>(db,
            "select rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls from pg_roles where rolname = current_user"));
    }

    [Fact]
    public async Task The_application_role_cannot_read_another_database_on_the_server()
    {
        var other = $"other_app_{Guid.NewGuid():N}";
        await using (var owner = await stack.OpenDatabaseAsync())
        {
            await ExecuteAsync(owner, $"create database {other}");
        }

        try
        {
            var ownerOfOther = await stack.ServerConnectionAsync(other);
            ownerOfOther.Pooling = false;
            await using (var owner = new NpgsqlConnection(ownerOfOther.ConnectionString))
            {
                await owner.OpenAsync();
                await ExecuteAsync(owner, "create table secrets (value text); insert into secrets values ('another application''s data')");
            }

            await using var db = await OpenAsApplicationRoleAsync(other);
            var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<string>(db, "select value from secrets"));
            Assert.Equal(InsufficientPrivilege, error.SqlState);
        }
        finally
        {
            await using var owner = await stack.OpenDatabaseAsync();
            await ExecuteAsync(owner, $"drop database {other} with (force)");
        }
    }

    [Fact]
    public async Task The_schema_check_that_gates_a_kubernetes_pod_passes_with_the_application_roles_rights()
    {
        // The bundle's init container runs `check` with the service's own (application role) connection.
        var connection = await stack.App.GetConnectionStringAsync(ResourceNames.ApplicationDatabase)
            ?? throw new InvalidOperationException("no application database connection string");

        var check = await MigrationCli.RunOnAsync(connection, "check");

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("Schema check passed", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_migration_sets_an_existing_roles_new_password_and_keeps_it_unprivileged()
    {
        // A role of its own, so the stack's services keep theirs: the first run creates it, the second finds it.
        var owner = await stack.DatabaseConnectionStringAsync();
        var role = $"rotation_{Guid.NewGuid():N}"[..24];
        string Application(string password) =>
            new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = password, Pooling = false }.ConnectionString;
        Dictionary<string, string> Environment(string password) => new()
        {
            [$"ConnectionStrings__{ResourceNames.Database}"] = owner,
            [$"ConnectionStrings__{ResourceNames.ApplicationDatabase}"] = Application(password),
        };

        var created = await MigrationCli.RunAsync(Environment("first-password"));
        var rotated = await MigrationCli.RunAsync(Environment("second-password"));

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        await using var db = new NpgsqlConnection(Application("second-password"));
        await db.OpenAsync();
        Assert.False(await Sql.ScalarAsync<bool>(db,
            "select rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls from pg_roles where rolname = current_user"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(db, "create table intruder (id int)"));
        Assert.Equal(InsufficientPrivilege, error.SqlState);
        await using var old = new NpgsqlConnection(Application("first-password"));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => old.OpenAsync());
        Assert.Equal("28P01", refused.SqlState); // invalid_password
    }

    private async Task<NpgsqlConnection> OpenAsApplicationRoleAsync(string? database)
    {
        var connectionString = await stack.App.GetConnectionStringAsync(ResourceNames.ApplicationDatabase)
            ?? throw new InvalidOperationException("no application database connection string");
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (database is not null)
        {
            builder.Database = database;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
