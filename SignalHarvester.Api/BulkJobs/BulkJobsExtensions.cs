namespace SignalHarvester.Api.BulkJobs;

public static class BulkJobsExtensions
{
    /// <summary>Bulk signal jobs: <see cref="BulkJobOptions"/> (validated at start), the store and the background processor.</summary>
    public static IHostApplicationBuilder AddBulkJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BulkJobOptions>()
            .Bind(builder.Configuration.GetSection(BulkJobOptions.SectionName))
            .Validate(o => o.MaxIds is >= 1 and <= 100_000, $"{BulkJobOptions.SectionName}:MaxIds must be between 1 and 100000.")
            .Validate(o => o.BatchSize >= 1, $"{BulkJobOptions.SectionName}:BatchSize must be at least 1.")
            .Validate(o => o.PollIntervalMilliseconds >= 10 && o.ProgressIntervalMilliseconds >= 10,
                $"{BulkJobOptions.SectionName}:PollIntervalMilliseconds and ProgressIntervalMilliseconds must be at least 10.")
            // A lease shorter than the pause would expire between batches and invite a takeover.
            .Validate(o => o.PauseBetweenBatchesMilliseconds >= 0 && o.LeaseSeconds * 1000 > o.PauseBetweenBatchesMilliseconds,
                $"{BulkJobOptions.SectionName}:LeaseSeconds must outlast PauseBetweenBatchesMilliseconds (0 or more).")
            .ValidateOnStart();
        builder.Services.AddSingleton<BulkJobStore>();
        builder.Services.AddHostedService<BulkJobProcessor>();
        return builder;
    }
}
