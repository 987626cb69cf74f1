using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SignalHarvester.Core.Data;

/// <summary>
/// How long a service waits for PostgreSQL and how often EF Core retries, chosen for the kind of work it does
/// (the values and why: docs/reliability.md). A request path must fail fast (its client retries after the 503's
/// Retry-After); background work may ride out a restart.
/// </summary>
public sealed record DatabaseTimeouts(int ConnectSeconds, int CommandSeconds, int MaxRetries, TimeSpan MaxRetryDelay, bool RetryTimeouts)
{
    /// <summary>
    /// The API: a request answers within about 2 s even when PostgreSQL is gone. One connect attempt of 1 s (a
    /// reachable server answers in milliseconds), one quick retry for a connection that broke under the request
    /// (a pooled connection left from before a restart), and no retry of a timeout, which already spent the budget.
    /// </summary>
    public static DatabaseTimeouts RequestPath { get; } = new(ConnectSeconds: 1, CommandSeconds: 15, MaxRetries: 1, MaxRetryDelay: TimeSpan.FromMilliseconds(100), RetryTimeouts: false);

    /// <summary>
    /// Jobs and the migration service: a connect attempt of 5 s and EF's default six retries up to 30 s apart (about a
    /// minute in all), so a database restart under a pipeline stage is waited out instead of failing the stage.
    /// </summary>
    public static DatabaseTimeouts Background { get; } = new(ConnectSeconds: 5, CommandSeconds: 30, MaxRetries: 6, MaxRetryDelay: TimeSpan.FromSeconds(30), RetryTimeouts: true);

    /// <summary>The connection string with these connect and command timeouts.</summary>
    public string Apply(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Timeout = ConnectSeconds, CommandTimeout = CommandSeconds }.ConnectionString;

    public ExecutionStrategy Strategy(ExecutionStrategyDependencies dependencies) => new HarvestExecutionStrategy(dependencies, this);
}
