using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Sources;

/// <summary>
/// Says at start, one line per source, how it runs (mode, where it reads, whether its credential
/// is set — never the credential), and records the same in <c>source_status</c> for the API.
/// </summary>
internal sealed partial class SourceStartupReport(SourceSettings settings, SourceStatusStore store, ILogger<SourceStartupReport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var source in settings.All)
        {
            LogSource(logger, source.Name, source.Mode.Name(),
                source.ConfiguredMode == source.Mode ? "" : $" (configured {source.ConfiguredMode.Name()})",
                source.Detail,
                source.CredentialConfigured switch { true => "; credential set", false => "; credential not set", null => "" });
        }

        try
        {
            await store.AnnounceAsync(settings.All, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The pipelines report their own database errors; the log lines above already say it all.
            LogAnnounceFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {Source}: {Mode}{Configured} — {Detail}{Credential}")]
    private static partial void LogSource(ILogger logger, string source, string mode, string configured, string detail, string credential);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the sources' modes in source_status")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);
}
