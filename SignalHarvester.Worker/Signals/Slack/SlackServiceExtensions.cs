using Microsoft.Extensions.Http.Resilience;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Signals.Slack;

public static class SlackServiceExtensions
{
    /// <summary>
    /// Registers <see cref="ISignalNotifier"/> for Slack's mode (<c>Harvest:Slack:Mode</c>, else
    /// <c>Sources:Mode</c>): the webhook when live and <c>Harvest:Slack:WebhookUrl</c> is set, the log in
    /// sample mode, nothing when off (live without a webhook is off).
    /// </summary>
    public static IHostApplicationBuilder AddSlackNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SlackOptions>(builder.Configuration.GetSection(SlackOptions.SectionName));
        var setting = builder.Services.AddSourceSetting(Setting(builder.Configuration));
        switch (setting.Mode)
        {
            case SourceMode.Live:
                // A failed post is retried by the next run through the claim, never resent blindly here:
                // a POST that timed out may have been delivered.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is the documented way to replace the default handler.
                builder.Services.AddHttpClient<SlackNotifier>()
                    .RemoveAllResilienceHandlers()
                    .AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
#pragma warning restore EXTEXP0001
                builder.Services.AddTransient<ISignalNotifier>(sp => sp.GetRequiredService<SlackNotifier>());
                break;
            case SourceMode.Sample:
                builder.Services.AddSingleton<ISignalNotifier, LogNotifier>();
                break;
        }

        return builder;
    }

    private static SourceSetting Setting(IConfiguration configuration)
    {
        var mode = SourceSettings.ConfiguredMode(configuration, SlackOptions.SectionName);
        var webhookText = configuration[$"{SlackOptions.SectionName}:{nameof(SlackOptions.WebhookUrl)}"];
        var hasWebhook = !string.IsNullOrWhiteSpace(webhookText);
        var webhook = Uri.TryCreate(webhookText?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
        return mode switch
        {
            // The webhook's path is its secret: only scheme and host are shown.
            SourceMode.Live when webhook is not null => new(SourceNames.Slack, mode, mode,
                "posts each qualifying signal to a Slack incoming webhook", webhook.GetLeftPart(UriPartial.Authority), true),
            SourceMode.Live => new(SourceNames.Slack, mode, SourceMode.Off, hasWebhook
                    ? "Harvest:Slack:WebhookUrl is not an absolute http(s) URL, so nothing is sent"
                    : "live needs an incoming webhook URL (Harvest:Slack:WebhookUrl, or the slack-webhook-url parameter); none is set, so nothing is sent",
                CredentialConfigured: hasWebhook),
            SourceMode.Sample => new(SourceNames.Slack, mode, mode,
                "sample mode: each announcement is written to the worker's log instead of Slack, and counts as sent", CredentialConfigured: hasWebhook),
            _ => SourceSetting.Off(SourceNames.Slack, hasWebhook),
        };
    }
}
