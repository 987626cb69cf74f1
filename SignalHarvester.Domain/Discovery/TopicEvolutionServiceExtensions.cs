using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SignalHarvester.Domain.Discovery;

public static class TopicEvolutionServiceExtensions
{
    /// <summary>Binds and validates <c>Discovery:Topics</c> (evolution thresholds) and <c>Discovery:Relationships</c>.</summary>
    public static IHostApplicationBuilder AddTopicAndRelationshipSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TopicEvolutionOptions>()
            .Bind(builder.Configuration.GetSection(TopicEvolutionOptions.SectionName))
            .Validate(options => TopicEvolutionOptions.Validate(options) is null, "Discovery:Topics has invalid thresholds.")
            .ValidateOnStart();
        builder.Services.AddOptions<RelationshipDetectionOptions>()
            .Bind(builder.Configuration.GetSection(RelationshipDetectionOptions.SectionName))
            .Validate(options => RelationshipDetectionOptions.Validate(options) is null, "Discovery:Relationships has invalid settings.")
            .ValidateOnStart();
        return builder;
    }
}
