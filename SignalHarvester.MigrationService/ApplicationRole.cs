using System.Security.Cryptography;
using System.Text;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Domain;

namespace SignalHarvester.MigrationService;

/// <summary>
/// The role the API and the worker connect as (<c>ConnectionStrings:harvest-app</c>): it may log in to the
/// application database and read and write the rows of its schemas, and nothing else — no DDL, no
/// TRUNCATE, no other database's tables, no superuser or role rights. The migration service owns the
/// schema, so it creates the role (or sets its password) and grants the rights again after every
/// migration, which covers tables a migration has just added.
/// </summary>
internal static class ApplicationRole
{
    private const string InsufficientPrivilege = "42501";

    // The schemas the migrations create: the application's tables and Hangfire's.
    private static readonly string[] Schemas = ["public", HangfireStorageSettings.Schema];

    /// <summary>The application role's connection, or null when none is configured (an operator running a verb by hand).</summary>
    public static NpgsqlConnectionStringBuilder? Configured(IConfiguration configuration) =>
        configuration.GetConnectionString(ResourceNames.ApplicationDatabase) is { Length: > 0 } value
            ? new NpgsqlConnectionStringBuilder(value)
            : null;

    /// <summary>
    /// Creates or updates the role and grants it the data rights, on the owner's <paramref name="connection"/>
    /// (after <see cref="Validate"/>).
    /// </summary>
    public static async Task EnsureAsync(
        NpgsqlConnection connection, NpgsqlConnectionStringBuilder application, ILogger logger, CancellationToken cancellationToken)
    {
        var role = application.Username!;

        var exists = await ScalarAsync<bool>(connection, "select exists (select 1 from pg_roles where rolname = @role)", cancellationToken, ("role", role));
        var verifier = ScramVerifier(application.Password!);
        await ExecuteFormattedAsync(connection,
            exists
                ? "alter role %I with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password %L"
                : "create role %I with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password %L",
            cancellationToken, role, verifier);

        await ExecuteFormattedAsync(connection, "grant connect, temporary on database %I to %I", cancellationToken, connection.Database, role);
        foreach (var schema in Schemas)
        {
            await ExecuteFormattedAsync(connection, "grant usage on schema %I to %I", cancellationToken, schema, role);
            await ExecuteFormattedAsync(connection, "grant select, insert, update, delete on all tables in schema %I to %I", cancellationToken, schema, role);
            await ExecuteFormattedAsync(connection, "grant usage, select, update on all sequences in schema %I to %I", cancellationToken, schema, role);
        }

        // PostgreSQL 15 and later no longer let everyone create objects in public; an older server still does.
        try
        {
            await ExecuteFormattedAsync(connection, "revoke create on schema %I from public", cancellationToken, "public");
        }
        catch (PostgresException e) when (e.SqlState == InsufficientPrivilege)
        {
            logger.LogWarning("Could not revoke CREATE on schema public from PUBLIC ({Reason}): on PostgreSQL before 15 the application role may create tables there", e.MessageText);
        }

        logger.LogInformation("Application role {Role} has data rights on {Database}", role, connection.Database);
    }

    /// <summary>The application role must be another role on the same database: the API and the worker use it in place of the owner.</summary>
    public static void Validate(NpgsqlConnectionStringBuilder owner, NpgsqlConnectionStringBuilder application)
    {
        if (string.IsNullOrEmpty(application.Username) || string.IsNullOrEmpty(application.Password))
        {
            throw new MigrationException($"the application role's connection ({ResourceNames.ApplicationDatabase}) needs a user name and a password");
        }

        if (string.Equals(application.Username, owner.Username, StringComparison.Ordinal))
        {
            throw new MigrationException(
                $"the application role's connection uses the owner role {owner.Username}: give the API and the worker a role of their own");
        }

        if (!string.Equals(application.Host, owner.Host, StringComparison.OrdinalIgnoreCase) || application.Port != owner.Port
            || !string.Equals(application.Database, owner.Database, StringComparison.Ordinal))
        {
            throw new MigrationException(
                $"the application role's connection ({DatabaseUrl.Masked(application.ConnectionString)}) is not the migrated database " +
                $"({DatabaseUrl.Masked(owner.ConnectionString)}); with DATABASE_URL set, set APP_DATABASE_URL to the same server and database");
        }
    }

    /// <summary>
    /// The SCRAM-SHA-256 verifier PostgreSQL stores (RFC 5802/7677, as psql's \password computes it), so the
    /// plaintext password never reaches the server's statement log or pg_stat_activity.
    /// </summary>
    internal static string ScramVerifier(string password, byte[]? salt = null, int iterations = 4096)
    {
        salt ??= RandomNumberGenerator.GetBytes(16);
        // SASLprep is close to NFKC; PostgreSQL normalises the same way when the client logs in.
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC)), salt, iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    // DDL takes no parameters: the server quotes the names and literals itself (format's %I and %L).
    private static async Task ExecuteFormattedAsync(NpgsqlConnection connection, string template, CancellationToken cancellationToken, params string[] arguments)
    {
        var placeholders = string.Join(", ", arguments.Select((_, i) => $"@a{i}"));
        var statement = await ScalarAsync<string>(connection, $"select format(@template, {placeholders})", cancellationToken,
            [("template", template), .. arguments.Select((value, i) => ($"a{i}", value))]);
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, string Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
