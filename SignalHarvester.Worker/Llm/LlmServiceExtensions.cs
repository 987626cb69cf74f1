using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Worker.Llm;

public static class LlmServiceExtensions
{
    /// <summary>Activity source of the model calls (gen_ai spans); covered by the service defaults' "SignalHarvester.*".</summary>
    public const string TelemetrySourceName = "SignalHarvester.Llm";

    /// <summary>Registers <see cref="ISignalClassifier"/> from the <c>Llm</c> section (see <see cref="LlmClassifierSetup"/>).</summary>
    public static IHostApplicationBuilder AddSignalClassification(this IHostApplicationBuilder builder)
    {
        builder.AddLlmOptions();
        builder.Services.TryAddSingleton(_ => new HeuristicSignalClassifier());
        builder.Services.TryAddSingleton<ISignalClassifier>(services => LlmClassifierSetup.Create<ISignalClassifier>(
            services,
            "Signals",
            services.GetRequiredService<HeuristicSignalClassifier>(),
            () => new HeuristicSignalClassifier(reportAsFallback: true),
            (chatClient, options) => new LlmSignalClassifier(
                chatClient, options, services.GetRequiredService<HeuristicSignalClassifier>(),
                services.GetRequiredService<ILogger<LlmSignalClassifier>>())));
        return builder;
    }
}
