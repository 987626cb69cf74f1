using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Data.Signals;

public sealed partial class SignalStore
{
    private const string Claim = """
        with candidates as (
            select id from tweets
            where notified_at is null and salience >= @threshold
              and (@within_hours = 0 or created_at >= now() - make_interval(hours => @within_hours))
              and (notify_claimed_at is null or notify_claimed_at < now() - @lease)
            order by salience desc
            limit @limit
            for update skip locked)
        update tweets t set notify_claimed_at = now(), notify_claimed_by = @worker, notify_attempts = t.notify_attempts + 1
        from candidates c where t.id = c.id
        returning t.id, t.text, t.author_username, t.category, t.salience
        """;

    private const string MarkSent = """
        update tweets set notified_at = now(), notify_claimed_at = null, notify_last_error = null
        where id = @id and notify_claimed_by = @worker and notified_at is null
        """;

    private const string Release = """
        update tweets set notify_claimed_at = null, notify_last_error = @error
        where id = @id and notify_claimed_by = @worker and notified_at is null
        """;

    /// <summary>
    /// Claims up to <paramref name="limit"/> signals to notify for <paramref name="owner"/> in one committed statement
    /// (FOR UPDATE SKIP LOCKED: two workers never claim the same signal); a claim older than <paramref name="lease"/> is free again.
    /// </summary>
    public async Task<List<SignalNotification>> ClaimForNotificationAsync(
        double threshold, int withinHours, TimeSpan lease, int limit, string owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.AddWithValue("threshold", threshold);
        command.Parameters.AddWithValue("within_hours", withinHours);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("worker", owner);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<SignalNotification>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new SignalNotification(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetDouble(4)));
        }

        return claimed;
    }

    /// <summary>Records that <paramref name="owner"/>'s claimed signal was notified.</summary>
    public Task MarkNotifiedAsync(string id, string owner, CancellationToken cancellationToken) =>
        ExecuteClaimAsync(MarkSent, id, owner, null, cancellationToken);

    /// <summary>Gives <paramref name="owner"/>'s claim back with the reason, for a later run.</summary>
    public Task ReleaseNotificationClaimAsync(string id, string owner, string error, CancellationToken cancellationToken) =>
        ExecuteClaimAsync(Release, id, owner, error, cancellationToken);

    private async Task ExecuteClaimAsync(string sql, string id, string owner, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("worker", owner);
        if (error is not null)
        {
            command.Parameters.AddWithValue("error", error.Length > 1000 ? error[..1000] : error);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
