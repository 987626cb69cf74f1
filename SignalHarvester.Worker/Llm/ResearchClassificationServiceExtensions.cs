using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Worker.Llm;

public static class ResearchClassificationServiceExtensions
{
    /// <summary>
    /// Registers <see cref="IResearchClassifier"/> from the same <c>Llm</c> section as the signal
    /// classifier (see <see cref="LlmClassifierSetup"/>).
    /// </summary>
    public static IHostApplicationBuilder AddResearchClassification(this IHostApplicationBuilder builder)
    {
        builder.AddLlmOptions();
        builder.Services.TryAddSingleton(_ => new HeuristicResearchClassifier());
        builder.Services.TryAddSingleton<IResearchClassifier>(services => LlmClassifierSetup.Create<IResearchClassifier>(
            services,
            "Research artifacts",
            services.GetRequiredService<HeuristicResearchClassifier>(),
            () => new HeuristicResearchClassifier(reportAsFallback: true),
            (chatClient, options) => new LlmResearchClassifier(
                chatClient, options, services.GetRequiredService<HeuristicResearchClassifier>(),
                services.GetRequiredService<ILogger<LlmResearchClassifier>>())));
        return builder;
    }
}
