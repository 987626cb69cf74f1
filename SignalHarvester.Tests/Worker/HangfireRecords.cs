using System.Globalization;
using Npgsql;
using SignalHarvester.Core.Jobs;

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
    /// last one under a per-recurring-job lock, so one of them runs it and the others find it not due.
    /// </summary>
    public static async Task MakeDueAsync(NpgsqlConnection db, string recurringJobId)
    {
        await using var command = new NpgsqlCommand(
            $"""
            update {Schema}.hash set value = @last where key = 'recurring-job:' || @id and field = 'LastExecution';
            update {Schema}.set set score = 0 where key = 'recurring-jobs' and value = @id;
            """, db);
        command.Parameters.AddWithValue("id", recurringJobId);
        command.Parameters.AddWithValue("last", DateTime.UtcNow.AddYears(-2).ToString("o", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
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
