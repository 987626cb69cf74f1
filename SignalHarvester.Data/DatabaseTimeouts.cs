using Npgsql;

namespace SignalHarvester.Data;

/// <summary>
/// How long a service waits for PostgreSQL and how often EF Core retries, chosen for the kind of work it does
/// (the values and why: docs/reliability.md). A request path must fail fast (its client retries after the 503's
/// Retry-After); background work may ride out a restart.
/// </summary>
public sealed record DatabaseTimeouts(int ConnectSeconds, int CommandSeconds, int MaxRetries, TimeSpan MaxRetryDelay)
{
    /// <summary>
    /// The API: a request answers within about 2 s even when PostgreSQL is gone. One connect attempt of 1 s (a
    /// reachable server answers in milliseconds) and no retry: against a dead server a retry waits out the connect
    /// timeout again, and the client retries itself after the 503's Retry-After.
    /// </summary>
    public static DatabaseTimeouts RequestPath { get; } = new(ConnectSeconds: 1, CommandSeconds: 15, MaxRetries: 0, MaxRetryDelay: TimeSpan.Zero);

    /// <summary>
    /// Jobs and the migration service: a connect attempt of 5 s and EF's default six retries up to 30 s apart (about a
    /// minute in all), so a database restart under a pipeline stage is waited out instead of failing the stage.
    /// </summary>
    public static DatabaseTimeouts Background { get; } = new(ConnectSeconds: 5, CommandSeconds: 30, MaxRetries: 6, MaxRetryDelay: TimeSpan.FromSeconds(30));

    /// <summary>The connection string with these connect and command timeouts.</summary>
    public string Apply(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Timeout = ConnectSeconds, CommandTimeout = CommandSeconds }.ConnectionString;
}
