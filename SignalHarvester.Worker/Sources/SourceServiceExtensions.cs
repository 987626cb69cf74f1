using Microsoft.Extensions.DependencyInjection.Extensions;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Worker.Sources;

public static class SourceServiceExtensions
{
    /// <summary>
    /// What every source shares: the status store, the start-up report of each source's mode, the
    /// refresh of stale samples (registered before the jobs that run at start), and the
    /// LLM's setting (the classifiers decide the same way, in <see cref="LlmUse"/>). The sources
    /// themselves are registered by their pipelines, each recording its <see cref="SourceSetting"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSourceReporting(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SourceStatusStore>();
        builder.Services.AddHostedService<SourceStartupReport>();
        builder.Services.AddHostedService<StaleSampleRefresh>();

        var llm = builder.Configuration.GetSection(LlmOptions.SectionName).Get<LlmOptions>() ?? new LlmOptions();
        llm.Mode = string.IsNullOrWhiteSpace(llm.Mode) ? builder.Configuration[Domain.Sources.SourceModes.DefaultKey] : llm.Mode;
        // An unknown mode is reported by the options' validation at start, with the key's name.
        if (string.IsNullOrWhiteSpace(llm.Mode) || Domain.Sources.SourceModes.TryParse(llm.Mode, out _))
        {
            var use = LlmUse.Decide(llm);
            builder.Services.AddSourceSetting(new SourceSetting(SourceNames.Llm, use.ConfiguredMode, use.Mode, use.Detail, use.Endpoint, use.CredentialConfigured));
        }

        return builder;
    }
}
