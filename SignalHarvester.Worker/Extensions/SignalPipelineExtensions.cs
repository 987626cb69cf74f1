using SignalHarvester.Data.Jobs;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Llm;
using SignalHarvester.Worker.Signals;
using SignalHarvester.Worker.Signals.Retention;
using SignalHarvester.Worker.Signals.Slack;
using SignalHarvester.Worker.Signals.Snapshots;
using SignalHarvester.Worker.Signals.Stages;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Worker.Extensions;

internal static class SignalPipelineExtensions
{
    /// <summary>The signal pipeline: X source, classification, salience, Slack, snapshots, the stages that use them, and the retention of old posts.</summary>
    public static IHostApplicationBuilder AddSignalPipeline(this IHostApplicationBuilder builder)
    {
        builder.AddXPostSource();
        builder.AddSignalClassification();
        builder.AddSalienceScoring();
        builder.Services.AddSignalSnapshots(builder.Configuration);

        builder.Services.Configure<NotifyOptions>(builder.Configuration.GetSection("Harvest:Notify"));
        builder.AddSlackNotifications();

        builder.Services.AddSingleton<SignalPipelineMetrics>();
        builder.Services.AddTransient<HarvestStage>();
        builder.Services.AddTransient<ClassifyStage>();
        builder.Services.AddTransient<ScoreStage>();
        builder.Services.AddTransient<NotifyStage>();
        builder.Services.AddTransient<SnapshotStage>();
        builder.Services.AddTransient<ISignalPipelineJob, SignalPipelineJob>();
        builder.Services.AddTransient<ISnapshotExportJob, SnapshotExportJob>();

        builder.Services.AddOptions<PostRetentionOptions>()
            .Bind(builder.Configuration.GetSection(PostRetentionOptions.SectionName))
            .Validate(o => o.BatchSize >= 1, $"{PostRetentionOptions.SectionName}:BatchSize must be at least 1.")
            .Validate(o => o.PostMaxAgeDays >= 0 && o.RawPayloadMaxAgeDays >= 0, $"{PostRetentionOptions.SectionName}: ages are days, 0 (keep) or more.")
            .ValidateOnStart();
        builder.Services.AddTransient<PostRetentionJob>();
        return builder;
    }
}
