using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace SignalHarvester.Core.Data;

/// <summary>
/// Npgsql's retrying strategy with <see cref="DatabaseTimeouts"/>' count and delay; on a request path a timeout is
/// not retried: against a dead server each attempt would wait out the connect timeout again.
/// </summary>
internal sealed class HarvestExecutionStrategy(ExecutionStrategyDependencies dependencies, DatabaseTimeouts timeouts)
    : NpgsqlRetryingExecutionStrategy(dependencies, timeouts.MaxRetries, timeouts.MaxRetryDelay, errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception) =>
        base.ShouldRetryOn(exception) && (timeouts.RetryTimeouts || !IsTimeout(exception));

    private static bool IsTimeout(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
