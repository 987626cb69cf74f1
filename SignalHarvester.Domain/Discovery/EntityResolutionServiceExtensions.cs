using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SignalHarvester.Domain.Discovery;

public static class EntityResolutionServiceExtensions
{
    /// <summary>Registers <see cref="EntitySimilarity"/> with weights from the <c>Discovery:EntityResolution</c> section.</summary>
    public static IHostApplicationBuilder AddEntityResolution(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EntityResolutionOptions>()
            .Bind(builder.Configuration.GetSection(EntityResolutionOptions.SectionName))
            .Validate(options => EntitySimilarity.Validate(options) is null, "Discovery:EntityResolution has invalid weights or threshold.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<EntitySimilarity>();
        return builder;
    }
}
