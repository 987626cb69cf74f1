using Npgsql;
using NpgsqlTypes;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Model;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Api.BulkJobs;

/// <summary>
/// The processors' SQL on <c>bulk_jobs</c>: claim a job under a lease (FOR UPDATE SKIP LOCKED, so
/// two replicas never claim the same one), run its next batch in one transaction with the progress
/// update, and give a lease back. Times come from the caller's clock; replicas keep theirs in sync (NTP).
/// </summary>
public sealed class BulkJobStore(NpgsqlDataSource dataSource, SignalsChanged signalsChanged, TimeProvider clock)
{
    /// <summary>Claims the oldest unfinished job whose lease is free or expired (a job another replica was running when it died resumes here).</summary>
    public async Task<long?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            """
            UPDATE bulk_jobs
               SET state = 'running', lease_owner = $1, lease_expires_at = $2, started_at = COALESCE(started_at, $3), updated_at = $3
             WHERE id = (SELECT id FROM bulk_jobs
                          WHERE state IN ('queued', 'running') AND (lease_expires_at IS NULL OR lease_expires_at < $3)
                          ORDER BY created_at, id
                          LIMIT 1
                          FOR UPDATE SKIP LOCKED)
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    /// <summary>
    /// Applies the next batch of the job and records the progress (and this owner as <c>processed_by</c>) in the
    /// same transaction, and renews the lease; once committed, a batch that changed signals evicts their cached responses.
    /// Returns false when there is nothing more to do here: the job finished, was cancelled, or is no longer this owner's.
    /// </summary>
    public async Task<bool> RunBatchAsync(long jobId, string owner, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The row lock also orders this batch against a concurrent cancel: whichever commits first wins.
        string kind, state;
        string? targetStatus, leaseOwner;
        string[] ids;
        await using (var read = new NpgsqlCommand(
            "SELECT kind, state, target_status, lease_owner, signal_ids[processed + 1 : processed + $2] FROM bulk_jobs WHERE id = $1 FOR UPDATE",
            connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = jobId });
            read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            (kind, state) = (reader.GetString(0), reader.GetString(1));
            targetStatus = reader.IsDBNull(2) ? null : reader.GetString(2);
            leaseOwner = reader.IsDBNull(3) ? null : reader.GetString(3);
            ids = reader.IsDBNull(4) ? [] : reader.GetFieldValue<string[]>(4);
        }

        if (state != BulkJobStates.Running || leaseOwner != owner)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var succeeded = ids.Length == 0 ? 0 : await ApplyAsync(connection, transaction, kind, targetStatus, ids, now, cancellationToken);

        await using var progress = new NpgsqlCommand(
            """
            UPDATE bulk_jobs
               SET processed = processed + $2, succeeded = succeeded + $3, failed = failed + $2 - $3, updated_at = $4, processed_by = $6,
                   state = CASE WHEN processed + $2 >= total THEN 'completed' ELSE state END,
                   completed_at = CASE WHEN processed + $2 >= total THEN $4 END,
                   lease_owner = CASE WHEN processed + $2 >= total THEN NULL ELSE lease_owner END,
                   lease_expires_at = CASE WHEN processed + $2 >= total THEN NULL ELSE $5 END
             WHERE id = $1
            RETURNING state
            """, connection, transaction);
        progress.Parameters.Add(new NpgsqlParameter<long> { TypedValue = jobId });
        progress.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ids.Length });
        progress.Parameters.Add(new NpgsqlParameter<int> { TypedValue = succeeded });
        progress.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        progress.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease });
        progress.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        var newState = (string)(await progress.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        if (succeeded > 0)
        {
            await signalsChanged.EvictAsync();
        }

        return newState == BulkJobStates.Running;
    }

    /// <summary>Marks a job this owner holds as failed, with the error.</summary>
    public async Task FailAsync(long jobId, string owner, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE bulk_jobs SET state = 'failed', error = $3, completed_at = $4, updated_at = $4, processed_by = $2, lease_owner = NULL, lease_expires_at = NULL
             WHERE id = $1 AND lease_owner = $2 AND state = 'running'
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error.Length > 2000 ? error[..2000] : error });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Extends the lease of a running job this owner holds, without a batch (a job held by a test's gate).</summary>
    public async Task RenewAsync(long jobId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE bulk_jobs SET lease_expires_at = $3 WHERE id = $1 AND lease_owner = $2 AND state = 'running'");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() + lease });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives the lease back (on shutdown), so the next replica to look resumes the job at once instead of waiting for the lease to expire.</summary>
    public async Task ReleaseAsync(long jobId, string owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE bulk_jobs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2 AND state = 'running'");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Returns how many of the ids were changed; the others no longer exist.
    private static Task<int> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string kind, string? targetStatus, string[] ids, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        kind == BulkJobKinds.Delete
            ? SignalStore.DeleteAsync(connection, transaction, ids, cancellationToken)
            : SignalStore.SetReviewStatusAsync(connection, transaction, ids, SignalStatus.ToReviewStatus(targetStatus!), now, cancellationToken);
}
