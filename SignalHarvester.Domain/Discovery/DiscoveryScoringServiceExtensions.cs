using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SignalHarvester.Domain.Discovery;

public static class DiscoveryScoringServiceExtensions
{
    /// <summary>Registers <see cref="DiscoveryScorer"/> with weights from the <c>Discovery:Scoring</c> section.</summary>
    public static IHostApplicationBuilder AddDiscoveryScoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiscoveryScoringOptions>()
            .Bind(builder.Configuration.GetSection(DiscoveryScoringOptions.SectionName))
            .Validate(options => DiscoveryScorer.Validate(options) is null, "Discovery:Scoring has invalid time constants or weights.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<DiscoveryScorer>();
        return builder;
    }
}
