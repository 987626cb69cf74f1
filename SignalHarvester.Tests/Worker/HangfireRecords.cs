using System.Globalization;
using Hangfire.Common;
using Npgsql;
using SignalHarvester.Data.Jobs;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Worker;

/// <summary>
/// What Hangfire's tables (schema <c>hangfire</c>) say about jobs: which runs a recurring job produced, and which
/// servers (<c>worker:machine:pid:guid</c>) processed a job. A job processed twice has two Processing states.
/// </summary>
public static class HangfireRecords
{
    private const string Schema = HangfireStorageSettings.Schema;

    /// <summary>A job, its current state and the server of each Processing state it went through, oldest first.</summary>
    public sealed record JobRecord(long Id, string Type, string Arguments, string? State, IReadOnlyList<string> Servers)
    {
        public bool IsFinal => State is "Succeeded" or "Failed" or "Deleted";

        /// <summary>The pid in a server id: the worker names its server <c>worker:machine:pid</c>, Hangfire appends a guid.</summary>
        public static int PidOf(string serverId) =>
            int.Parse(serverId.Split(':')[^2], CultureInfo.InvariantCulture);

        public override string ToString() => $"job {Id} {Type.Split(',')[0]}({Arguments}) {State}, processed by [{string.Join(", ", Servers)}]";
    }

    /// <summary>Every job the recurring job <paramref name="recurringJobId"/> produced (a schedule tick or a trigger), oldest first.</summary>
    public static Task<IReadOnlyList<JobRecord>> RunsOfAsync(NpgsqlConnection db, string recurringJobId) => QueryAsync(db,
        $"""
        j.id in (select p.jobid from {Schema}.jobparameter p where p.name = 'RecurringJobId' and trim(both '"' from p.value) = @value)
        """,
        recurringJobId);

    /// <summary>Jobs of the type named <paramref name="typeName"/> created after the job <paramref name="afterJobId"/>, oldest first.</summary>
    public static Task<IReadOnlyList<JobRecord>> JobsOfTypeAfterAsync(NpgsqlConnection db, string typeName, long afterJobId) => QueryAsync(db,
        $"j.invocationdata::jsonb ->> 'Type' like @value || ',%' and j.id > {afterJobId.ToString(CultureInfo.InvariantCulture)}",
        typeName);

    public static async Task<JobRecord> JobAsync(NpgsqlConnection db, long jobId) =>
        (await QueryAsync(db, "j.id = @value::bigint", jobId.ToString(CultureInfo.InvariantCulture))).Single();

    /// <summary>
    /// A schedule tick, now: the recurring job's last execution moved two years back, so its yearly cron has an
    /// occurrence due and every replica's scheduler (every 5 s) sees it. Hangfire computes the next execution from the
    /// last one under its schedulers' locks, so one of them runs it and the others find it not due. The change is made
    /// under those locks too (<see cref="SchedulerLocks"/>), so no scheduler writes back what it read before it.
    /// </summary>
    public static Task MakeDueAsync(HangfireJobs jobs, NpgsqlConnection db, string recurringJobId, bool releaseLocks = true) =>
        jobs.UnderLocksAsync(SchedulerLocks(recurringJobId), async () =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                update {Schema}.hash set value = @last where key = 'recurring-job:' || @id and field = 'LastExecution';
                update {Schema}.set set score = 0 where key = 'recurring-jobs' and value = @id;
                """, db);
            command.Parameters.AddWithValue("id", recurringJobId);
            command.Parameters.AddWithValue("last", JobHelper.SerializeDateTime(DateTime.UtcNow.AddYears(-2)));
            await command.ExecuteNonQueryAsync();
        }, releaseLocks);

    /// <summary>
    /// Keeps a tick made due by <see cref="MakeDueAsync"/> due until a scheduler runs it: a scheduler that read the
    /// recurring job before the change writes its schedule score back (not its last execution), which would hide the
    /// tick. Nothing changes once a run has been triggered (that moves the last execution to now).
    /// </summary>
    public static async Task KeepDueAsync(NpgsqlConnection db, string recurringJobId)
    {
        await using var command = new NpgsqlCommand(
            $"""
            update {Schema}.set set score = 0
            where key = 'recurring-jobs' and value = @id and score > 0
              and exists (select 1 from {Schema}.hash where key = 'recurring-job:' || @id and field = 'LastExecution'
                          and value ~ '^[0-9]+$' and value::bigint < (extract(epoch from now() - interval '1 year') * 1000)::bigint)
            """, db);
        command.Parameters.AddWithValue("id", recurringJobId);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The locks Hangfire's recurring job scheduler takes: all recurring jobs, then the one it enqueues.</summary>
    public static string[] SchedulerLocks(string recurringJobId) => ["recurring-jobs:lock", $"lock:recurring-job:{recurringJobId}"];

    /// <summary>The recurring job's schedule fields, its score in the schedule set and Hangfire's locks held now: what a test prints when a tick does not come.</summary>
    public static async Task<string> DescribeScheduleAsync(NpgsqlConnection db, string recurringJobId)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select coalesce((select string_agg(field || '=' || value, ', ' order by field) from {Schema}.hash
                             where key = 'recurring-job:' || @id and field in ('LastExecution', 'NextExecution', 'LastJobId', 'Error', 'RetryAttempt')), '')
                   || '; score ' || coalesce((select score::text from {Schema}.set where key = 'recurring-jobs' and value = @id), '-')
                   || '; locks ' || coalesce((select string_agg(resource || ' since ' || acquired::text, ', ') from {Schema}.lock), '-')
                   || '; queue ' || coalesce((select string_agg(jobid::text || ' fetched ' || coalesce(fetchedat::text, 'no'), ', ') from {Schema}.jobqueue), '-')
                   || '; servers ' || coalesce((select string_agg(id || ' beat ' || lastheartbeat::text, ', ') from {Schema}.server), '-')
            """, db);
        command.Parameters.AddWithValue("id", recurringJobId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<IReadOnlyList<JobRecord>> QueryAsync(NpgsqlConnection db, string where, string value)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select j.id, j.invocationdata::jsonb ->> 'Type', coalesce(j.invocationdata::jsonb ->> 'Arguments', ''), j.statename,
                   array(select s.data::jsonb ->> 'ServerId' from {Schema}.state s where s.jobid = j.id and s.name = 'Processing' order by s.id)
            from {Schema}.job j
            where {where}
            order by j.id
            """, db);
        command.Parameters.AddWithValue("value", value);
        var jobs = new List<JobRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            jobs.Add(new JobRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<string[]>(4)));
        }

        return jobs;
    }
}
