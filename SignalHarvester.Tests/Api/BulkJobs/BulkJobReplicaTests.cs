using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Api.Signals;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.BulkJobs.BulkJobRequests;

namespace SignalHarvester.Tests.Api.BulkJobs;

/// <summary>
/// Bulk jobs on two api replicas at once: claims are exclusive (a delete run twice would find its row gone
/// and count a failure), both replicas take work, and a job whose replica goes away is finished by the other.
/// Which replica did a job's work is read from <c>bulk_jobs.processed_by</c> (a lease owner, <c>machine/pid/guid</c>).
/// </summary>
[Collection(ApiOnlyCollection.Name)]
public sealed class BulkJobReplicaTests(ApiOnlyStackFixture stack)
{
    private const string DeletePath = "/api/v1/signals/bulk/delete";
    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Jobs_started_together_are_shared_by_both_replicas_and_each_id_is_processed_exactly_once()
    {
        const int jobs = 4, perJob = 40; // 8 batches each, held after the first until both replicas hold a job
        var replicas = await Replicas.WaitForHealthyAsync(stack.App, ReplicaTimeout);
        await using var db = await stack.OpenDatabaseAsync();
        var idSets = new List<string[]>();
        for (var i = 0; i < jobs; i++)
        {
            idSets.Add(await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource($"bulk-together-{i}"), perJob));
        }

        using var client = stack.CreateApiClient();
        (string Location, JsonElement Job)[] started;
        using (stack.HoldJobs())
        {
            started = await Task.WhenAll(idSets.Select(ids => StartAsync(client, DeletePath, new { ids })));

            // Each replica claims a job, runs its first batch and holds it there; its lease keeps the other replica to
            // another job. Let go once both hold one.
            var jobIds = string.Join(',', started.Select(s => s.Job.GetProperty("id").GetInt64()));
            await Eventually.ReturnsAsync(
                () => Sql.ListAsync(db, $"select lease_owner from bulk_jobs where id in ({jobIds}) and processed > 0 and lease_owner is not null", r => r.GetString(0)),
                owners => owners.Select(o => Replicas.InstanceOf(o, replicas)).Distinct().Count() == replicas.Count,
                ReplicaTimeout,
                "each replica holding a job of its own");
        }

        var workers = new HashSet<string>();
        foreach (var (location, accepted) in started)
        {
            var job = await WaitForEndAsync(client, location);
            Assert.Equal("completed", job.GetProperty("state").GetString());
            Assert.Equal((perJob, perJob, perJob, 0), Counts(job));
            var (_, _, leaseOwner, processedBy) = await JobRowAsync(db, accepted.GetProperty("id").GetInt64());
            Assert.Null(leaseOwner);
            Assert.NotNull(processedBy);
            workers.Add(Replicas.InstanceOf(processedBy, replicas));
        }

        Assert.Equal(0, (await TestSignalRows.CountAsync(db, [.. idSets.SelectMany(ids => ids)], null)).Existing);
        Assert.Equal(replicas.Keys.Order(), workers.Order());
    }

    [Fact]
    public Task When_the_replica_holding_a_job_is_stopped_the_other_replica_finishes_it() =>
        AssertTheOtherReplicaFinishesAsync("bulk-stopped", async (holder, _) =>
        {
            // A graceful stop gives the lease back, so the other replica takes over at its next look.
            var stopped = await stack.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(holder, KnownResourceCommands.StopCommand);
            Assert.True(stopped.Success, stopped.Message);
        });

    [Fact]
    public Task When_the_replica_holding_a_job_is_killed_the_other_replica_finishes_it() =>
        AssertTheOtherReplicaFinishesAsync("bulk-killed", async (_, ownerPid) =>
        {
            // A crash: no release, the batch in flight rolls back with the dropped connection, and the lease
            // (5 s here) must run out before the claim query offers the job to the other replica.
            using var process = Process.GetProcessById(ownerPid);
            process.Kill();
            await process.WaitForExitAsync();
        });

    // Starts a held delete, finds the replica holding its lease, takes that replica down with takeDown(instance,
    // pid of the API process) and does not bring it back until the job has ended: the other replica must finish it.
    private async Task AssertTheOtherReplicaFinishesAsync(string purpose, Func<string, int, Task> takeDown)
    {
        const int count = 150; // 30 batches, held after the first: the job is still running when its replica goes
        var replicas = await Replicas.WaitForHealthyAsync(stack.App, ReplicaTimeout);
        await using var db = await stack.OpenDatabaseAsync();
        var ids = await TestSignalRows.InsertAsync(stack.App, db, TestSignalRows.NewSource(purpose), count);
        using var client = stack.CreateApiClient();
        using var hold = stack.HoldJobs(); // the job stops after its first batch until its replica is down
        var (location, accepted) = await StartAsync(client, DeletePath, new { ids });
        var jobId = accepted.GetProperty("id").GetInt64();
        await WaitForAsync(client, location, j => j.GetProperty("processed").GetInt32() > 0);

        var (state, _, owner, _) = await JobRowAsync(db, jobId);
        Assert.Equal("running", state);
        Assert.NotNull(owner);
        var holder = Replicas.InstanceOf(owner, replicas);
        var survivor = Assert.Single(replicas.Keys, instance => instance != holder);
        try
        {
            await takeDown(holder, int.Parse(owner.Split('/')[1], CultureInfo.InvariantCulture));
            await stack.App.ResourceNotifications.WaitForResourceAsync(
                ResourceNames.Api, e => e.ResourceId == holder && KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text))
                .WaitAsync(ReplicaTimeout);
            hold.Dispose();

            var job = await WaitForEndAsync(client, location);
            Assert.False(Replicas.IsRunning(stack.App, holder)); // the job did not wait for its replica to come back
            Assert.Equal("completed", job.GetProperty("state").GetString());
            // Nothing done twice (a second delete of an id counts as failed), nothing skipped.
            Assert.Equal((count, count, count, 0), Counts(job));
            Assert.Equal(0, (await TestSignalRows.CountAsync(db, ids, null)).Existing);
            var (_, _, _, processedBy) = await JobRowAsync(db, jobId);
            Assert.NotNull(processedBy);
            Assert.Equal(survivor, Replicas.InstanceOf(processedBy, replicas));
        }
        finally
        {
            // The other tests of the collection expect both replicas.
            var started = await stack.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(holder, KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.Message);
            await Replicas.WaitForHealthyAsync(stack.App, ReplicaTimeout);
        }
    }
}
