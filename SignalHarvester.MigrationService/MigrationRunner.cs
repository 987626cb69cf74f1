using System.Diagnostics;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Domain;

namespace SignalHarvester.MigrationService;

/// <summary>
/// Reaches the database, applies migrations (and installs Hangfire's schema) under an advisory lock,
/// keeps <c>schema_version</c> in step and gives the application role its rights.
/// </summary>
internal sealed class MigrationRunner(
    IServiceScopeFactory scopes, IOptions<MigrationOptions> options, IConfiguration configuration, ILogger<MigrationRunner> logger)
{
    public static readonly ActivitySource ActivitySource = new("SignalHarvester.Migrations");

    private const string DuplicateDatabase = "42P04";
    private const string InvalidCatalogName = "3D000";

    /// <summary>
    /// Waits until the server accepts connections (for a bounded time when <paramref name="retry"/>;
    /// else one attempt); returns its version and whether the database exists.
    /// </summary>
    public async Task<ServerInfo> WaitForServerAsync(CancellationToken cancellationToken, bool retry = true)
    {
        using var activity = ActivitySource.StartActivity("wait for database server");
        var deadline = retry ? DateTimeOffset.UtcNow.AddSeconds(options.Value.ConnectTimeoutSeconds) : DateTimeOffset.UtcNow;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                return new ServerInfo(connection.PostgreSqlVersion.ToString(), connection.ServerVersion, DatabaseExists: true);
            }
            catch (PostgresException e) when (e.SqlState == InvalidCatalogName)
            {
                var maintenance = new NpgsqlConnectionStringBuilder(WithoutPooling(ConnectionString)) { Database = "postgres" };
                await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return new ServerInfo(connection.PostgreSqlVersion.ToString(), connection.ServerVersion, DatabaseExists: false);
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTimeOffset.UtcNow + delay < deadline)
            {
                logger.LogInformation("Database not reachable yet ({Reason}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (NpgsqlException e) when (e.IsTransient)
            {
                throw new MigrationException(retry
                    ? $"database at {DatabaseUrl.Masked(ConnectionString)} not reachable within {options.Value.ConnectTimeoutSeconds} s: {e.Message}"
                    : $"database at {DatabaseUrl.Masked(ConnectionString)} not reachable: {e.Message}", e);
            }
        }
    }

    /// <summary>Applies every pending migration. Safe when several instances run at once: one applies, the others wait and find nothing to do.</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("migrate database");
        // A mismatched application connection is refused before anything changes.
        var owner = new NpgsqlConnectionStringBuilder(ConnectionString);
        var application = ApplicationRole.Configured(configuration);
        if (application is not null)
        {
            ApplicationRole.Validate(owner, application);
        }

        var server = await WaitForServerAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HarvestDbContext>();
        if (!server.DatabaseExists)
        {
            await CreateDatabaseAsync(db, cancellationToken);
        }

        await using var lockConnection = await OpenAsync(cancellationToken);
        await ExecuteAsync(lockConnection, "select pg_advisory_lock(@key)", cancellationToken);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            var version = await RecordSchemaVersionsAsync(db, cancellationToken);
            // Hangfire's own schema too, so the API can enqueue jobs before the worker has started.
            PostgreSqlObjectsInstaller.Install(lockConnection, HangfireStorageSettings.Schema);
            if (application is not null)
            {
                await ApplicationRole.EnsureAsync(lockConnection, application, logger, cancellationToken);
            }

            activity?.SetTag("migrations.applied", pending.Count);
            activity?.SetTag("schema.version", version);
            return new MigrationResult(server, pending, version);
        }
        finally
        {
            await ExecuteAsync(lockConnection, "select pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    /// <summary>The migrations this build knows of that the database has not applied (all of them when it does not exist).</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(ServerInfo server, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HarvestDbContext>();
        return server.DatabaseExists
            ? (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList()
            : db.Database.GetMigrations().ToList();
    }

    private static async Task CreateDatabaseAsync(HarvestDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Another instance created it a moment ago.
        }
    }

    // schema_version: one row per applied migration, numbered in migration order, so operators see a plain version.
    private static async Task<int> RecordSchemaVersionsAsync(HarvestDbContext db, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet();
        var all = db.Database.GetMigrations().ToList();
        var version = 0;
        for (var index = 0; index < all.Count; index++)
        {
            if (!applied.Contains(all[index]))
            {
                continue;
            }

            version = index + 1;
            await db.Database.ExecuteSqlAsync(
                $"insert into schema_version (version, name, applied_at) values ({version}, {all[index]}, now()) on conflict (version) do nothing",
                cancellationToken);
        }

        return version;
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", options.Value.AdvisoryLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public string ConnectionString => field ??= ReadConnectionString();

    /// <summary>A dedicated (unpooled) connection to the application database.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(WithoutPooling(ConnectionString));
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // From the configuration, where AddHarvestDatabase wrote it: the data source (and the DbContext on it) hand out
    // their connection string without the password.
    private string ReadConnectionString() =>
        configuration.GetConnectionString(ResourceNames.Database) is { Length: > 0 } connectionString
            ? connectionString
            : throw new MigrationException("no connection string configured");

    // Session-level advisory locks must not survive in a pooled connection.
    private static string WithoutPooling(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
}

internal sealed record ServerInfo(string Version, string VersionText, bool DatabaseExists);

internal sealed record MigrationResult(ServerInfo Server, IReadOnlyList<string> Applied, int SchemaVersion);
