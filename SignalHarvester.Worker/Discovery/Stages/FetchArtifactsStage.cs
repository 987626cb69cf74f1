using Hangfire.Common;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Jobs;

namespace SignalHarvester.Worker.Discovery.Stages;

/// <summary>
/// Fetch: every source that is not off, each as a job of its own (<see cref="DiscoverySourceFetchJob"/>) that any
/// worker replica can take, so a long run's sources are fetched side by side; the stage ends when every source's job
/// has. A source that fails is logged and counted and the others go on; the stage fails only when a source's job does
/// (the database failed under it), and then the run is retried.
/// </summary>
public sealed class FetchArtifactsStage(IEnumerable<IDiscoverySource> sources, ChildJobs children)
{
    public async Task<FetchResult> RunAsync(CancellationToken cancellationToken)
    {
        var jobIds = sources.Select(s => s.Name).Distinct(StringComparer.Ordinal)
            .Select(name => children.Enqueue<DiscoverySourceFetchJob>(job => job.RunAsync(name, CancellationToken.None)))
            .ToList();
        var ends = await children.WaitAllAsync(jobIds, cancellationToken);

        var result = new FetchResult();
        foreach (var end in ends)
        {
            if (!end.Succeeded || end.Result is null)
            {
                result.FailedJobs.Add($"{end.JobId} {end.State}: {end.Error}");
                continue;
            }

            var outcome = SerializationHelper.Deserialize<SourceFetchOutcome>(end.Result, SerializationOption.User);
            if (outcome.Error is not null)
            {
                result.FailedSources.Add(outcome.Source);
            }
            else
            {
                result.Fetched[outcome.Source] = outcome.Fetched;
                result.Added += outcome.Added;
            }
        }

        return result.FailedJobs.Count == 0
            ? result
            : throw new InvalidOperationException($"source fetch jobs failed: {string.Join("; ", result.FailedJobs)}");
    }
}

public sealed class FetchResult
{
    public Dictionary<string, int> Fetched { get; } = [];
    public int Added { get; set; }
    public List<string> FailedSources { get; } = [];
    public List<string> FailedJobs { get; } = [];

    public override string ToString() =>
        $"{Added} new; fetched {string.Join(", ", Fetched.Select(f => $"{f.Key}={f.Value}"))}" +
        (FailedSources.Count > 0 ? $"; failed: {string.Join(", ", FailedSources)}" : "");
}
