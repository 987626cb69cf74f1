using Npgsql;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>Empty databases (and roles) on the stack's real PostgreSQL server, one per test, dropped afterwards.</summary>
public sealed class ScratchDatabases(StackFixture stack) : IAsyncDisposable
{
    private readonly List<string> databases = [];
    private readonly List<string> roles = [];

    /// <summary>Creates nothing: returns a URL naming a database that does not exist yet (migrate creates it).</summary>
    public async Task<string> NewDatabaseUrlAsync(string? user = null, string? password = null)
    {
        var server = new NpgsqlConnectionStringBuilder(await stack.DatabaseConnectionStringAsync());
        var name = $"scratch_{Guid.NewGuid():N}"[..24];
        databases.Add(name);
        user ??= server.Username!;
        password ??= server.Password!;
        return $"postgresql://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{server.Host}:{server.Port}/{name}";
    }

    public async Task<string> NewEmptyDatabaseUrlAsync()
    {
        var url = await NewDatabaseUrlAsync();
        await ExecuteAsync($"create database \"{databases[^1]}\"");
        return url;
    }

    /// <summary>A login role that may create databases, with the given password.</summary>
    public async Task CreateRoleAsync(string role, string password)
    {
        roles.Add(role);
        await ExecuteAsync($"create role \"{role}\" login createdb password '{password.Replace("'", "''")}'");
    }

    public async Task ExecuteAsync(string sql, string? database = null)
    {
        await using var connection = await OpenAsync(database ?? "postgres");
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    // Unpooled: a database dropped at the end must have no idle connection left in a pool.
    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var builder = await stack.ServerConnectionAsync(database);
        builder.Pooling = false;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static string DatabaseOf(string url) => new Uri(url).AbsolutePath.TrimStart('/');

    public async ValueTask DisposeAsync()
    {
        foreach (var database in databases)
        {
            await ExecuteAsync($"drop database if exists \"{database}\" with (force)");
        }

        foreach (var role in roles)
        {
            await ExecuteAsync($"drop role if exists \"{role}\"");
        }
    }
}
