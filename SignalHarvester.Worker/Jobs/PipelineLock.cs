using Npgsql;

namespace SignalHarvester.Worker.Jobs;

/// <summary>
/// One run of a pipeline at a time, across workers: a PostgreSQL session-level advisory lock held on a connection of
/// its own for the length of the run. It replaces Hangfire's <c>DisableConcurrentExecution</c>, whose lock is a row:
/// a worker killed mid-run, or a database outage that ends the session before the row is deleted, left that row for
/// Hangfire.PostgreSql's 10-minute lock timeout, and every retry and scheduled run failed on it until then. An advisory
/// lock ends with its session, so a dead worker or a restarted database releases it at once. The price: after an
/// outage the lock is gone while the interrupted run may still be finishing, so two runs can overlap for a moment;
/// every stage is idempotent, so that costs work, not data.
/// </summary>
public sealed class PipelineLock : IAsyncDisposable
{
    /// <summary>How long a run waits for the one before it (Hangfire's attribute waited 60 s too); then it fails and is retried.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly NpgsqlConnection connection;
    private readonly string name;

    private PipelineLock(NpgsqlConnection connection, string name)
    {
        this.connection = connection;
        this.name = name;
    }

    /// <summary>Waits up to <see cref="WaitLimit"/> for the lock named <paramref name="name"/>; throws <see cref="TimeoutException"/> when another run keeps it.</summary>
    public static async Task<PipelineLock> AcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // lock_timeout bounds the wait inside PostgreSQL (no polling); the command timeout must outlast it.
            await using var command = new NpgsqlCommand(
                $"set lock_timeout = '{(int)WaitLimit.TotalMilliseconds}ms'; select pg_advisory_lock(hashtextextended(@name, 0)); reset lock_timeout",
                connection) { CommandTimeout = (int)WaitLimit.TotalSeconds + 30 };
            command.Parameters.AddWithValue("name", LockName(name));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PipelineLock(connection, name);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await connection.DisposeAsync();
            throw new TimeoutException($"another {name} run held its lock for more than {WaitLimit.TotalSeconds:F0} s", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended(@name, 0))", connection);
            command.Parameters.AddWithValue("name", LockName(name));
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The session is gone (a database restart): so is its lock.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static string LockName(string name) => $"signalharvester:pipeline:{name}";
}
