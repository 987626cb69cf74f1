using Npgsql;

namespace SignalHarvester.Data.Hosting;

/// <summary>
/// PostgreSQL unreachable, restarting or timing out: a transient <see cref="NpgsqlException"/> anywhere in the chain,
/// as EF Core, Hangfire and our own stores wrap it. An outage to wait out or retry, not a bug and not bad input.
/// </summary>
public static class TransientDatabaseFailure
{
    /// <summary>The transient database failure behind <paramref name="exception"/>, or null when there is none.</summary>
    public static NpgsqlException? In(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is NpgsqlException { IsTransient: true } npgsql)
            {
                return npgsql;
            }
        }

        return null;
    }
}
