using Npgsql;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Sources;

/// <summary>
/// Owns <c>source_status</c>: the worker announces each source's mode when it starts and records
/// every run that used a source, so the API can show what is running and how it went.
/// </summary>
public sealed partial class SourceStatusStore(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<SourceStatusStore> logger)
{
    // A changed mode starts a new history: the last run and error of the old mode would mislead.
    private const string Announce = """
        insert into source_status (name, configured_mode, mode, detail, endpoint, credential_configured, updated_at)
        values (@name, @configured_mode, @mode, @detail, @endpoint, @credential_configured, @now)
        on conflict (name) do update set
            configured_mode = excluded.configured_mode, detail = excluded.detail, endpoint = excluded.endpoint,
            credential_configured = excluded.credential_configured, updated_at = excluded.updated_at,
            last_run_at = case when source_status.mode = excluded.mode then source_status.last_run_at end,
            last_run_items = case when source_status.mode = excluded.mode then source_status.last_run_items end,
            last_error = case when source_status.mode = excluded.mode then source_status.last_error end,
            last_error_at = case when source_status.mode = excluded.mode then source_status.last_error_at end,
            mode = excluded.mode
        """;

    // A failed run leaves last_error_at equal to last_run_at; a later success keeps the error for reference.
    private const string Record = """
        update source_status set
            last_run_at = @now, last_run_items = @items, updated_at = @now,
            last_error = coalesce(@error, last_error),
            last_error_at = case when @error is null then last_error_at else @now end
        where name = @name
        """;

    public async Task AnnounceAsync(IEnumerable<SourceSetting> settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var batch = dataSource.CreateBatch();
        foreach (var setting in settings)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Announce)
            {
                Parameters =
                {
                    new("name", setting.Name),
                    new("configured_mode", setting.ConfiguredMode.Name()),
                    new("mode", setting.Mode.Name()),
                    new("detail", Truncate(setting.Detail, 400)),
                    new("endpoint", (object?)setting.Endpoint ?? DBNull.Value),
                    new("credential_configured", (object?)setting.CredentialConfigured ?? DBNull.Value),
                    new("now", now),
                },
            });
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Records one run of <paramref name="source"/>: what it handled, and its error when it failed.
    /// A status that cannot be written is logged, never allowed to fail the run it describes.
    /// </summary>
    public async Task RecordRunAsync(string source, int items, string? error, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(Record);
            command.Parameters.AddWithValue("name", source);
            command.Parameters.AddWithValue("items", items);
            command.Parameters.Add(new NpgsqlParameter<string?>("error", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = error is null ? null : Truncate(error, 1000) });
            command.Parameters.AddWithValue("now", clock.GetUtcNow());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecordFailed(logger, e, source);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the run of source {Source} in source_status")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string source);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
