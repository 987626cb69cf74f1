using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SignalHarvester.Domain.Signals;

public static class SalienceServiceExtensions
{
    /// <summary>Registers <see cref="SalienceCalculator"/> with weights from the <c>Salience</c> section.</summary>
    public static IHostApplicationBuilder AddSalienceScoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SalienceOptions>()
            .Bind(builder.Configuration.GetSection(SalienceOptions.SectionName))
            .Validate(options => options.HalfLifeHours > 0, "Salience:HalfLifeHours must be positive.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<SalienceCalculator>();
        return builder;
    }
}
