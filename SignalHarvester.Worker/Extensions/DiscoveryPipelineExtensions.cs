using SignalHarvester.Data.Jobs;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Worker.Discovery;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Discovery.Stages;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Worker.Extensions;

internal static class DiscoveryPipelineExtensions
{
    /// <summary>The discovery pipeline: sources, research classification, embeddings, scoring, entity resolution and the stages.</summary>
    public static IHostApplicationBuilder AddDiscoveryPipeline(this IHostApplicationBuilder builder)
    {
        builder.AddDiscoverySources();
        builder.AddHarvestedPostSource();

        builder.AddResearchClassification();
        builder.AddDiscoveryEmbeddings();
        builder.AddDiscoveryScoring();
        builder.AddEntityResolution();
        builder.AddTopicAndRelationshipSettings();
        builder.Services.Configure<DiscoveryOptions>(builder.Configuration.GetSection("Discovery"));

        builder.Services.AddSingleton<DiscoveryMetrics>();
        builder.Services.AddSingleton<ArtifactStore>();
        builder.Services.AddSingleton<DiscoveryFetchCursors>();
        builder.Services.AddScoped<EntityResolver>();
        builder.Services.AddScoped<DiscoverySourceFetchJob>();
        builder.Services.AddScoped<FetchArtifactsStage>();
        builder.Services.AddScoped<ClassifyArtifactsStage>();
        builder.Services.AddScoped<EmbedArtifactsStage>();
        builder.Services.AddScoped<UpdateTopicsStage>();
        builder.Services.AddScoped<ScoreArtifactsStage>();
        builder.Services.AddScoped<EvolveTopicsStage>();
        builder.Services.AddScoped<DetectRelationshipsStage>();
        builder.Services.AddScoped<IDiscoveryPipelineJob, DiscoveryPipelineJob>();
        return builder;
    }
}
