using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Pipelines;

/// <summary>What runs: each scheduled pipeline's schedule and last run, and each source's mode and last run.</summary>
public sealed record PipelinesStatusResponse(IReadOnlyList<PipelineScheduleResponse> Pipelines, IReadOnlyList<SourceStatusResponse> Sources);

/// <summary>A pipeline's recurring job: its schedule (cron, UTC), the next run, and the last scheduled run's job and state.</summary>
public sealed record PipelineScheduleResponse(
    string Pipeline,
    string? Schedule,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? LastRunAt,
    string? LastRunState,
    string? LastRun);

/// <summary>
/// A source (x, arxiv, github, hackernews, llm, slack) as the worker runs it: the mode asked for and
/// the mode in effect (live without its credential is off), why, where it talks to, whether its
/// credential is set, and its last run and last error.
/// </summary>
public sealed record SourceStatusResponse(
    string Name,
    string Mode,
    string ConfiguredMode,
    string? Detail,
    string? Endpoint,
    bool? CredentialConfigured,
    SourceRunResponse? LastRun,
    SourceErrorResponse? LastError,
    DateTimeOffset UpdatedAt)
{
    public static SourceStatusResponse From(SourceStatus status) => new(
        status.Name,
        status.Mode,
        status.ConfiguredMode,
        status.Detail,
        status.Endpoint,
        status.CredentialConfigured,
        status.LastRunAt is { } at ? new SourceRunResponse(at, status.LastRunItems ?? 0, Succeeded: status.LastErrorAt != at) : null,
        status.LastErrorAt is { } errorAt ? new SourceErrorResponse(errorAt, status.LastError ?? "") : null,
        status.UpdatedAt);
}

/// <summary>A source's last run: when, how many items it fetched, classified or sent, and whether it succeeded.</summary>
public sealed record SourceRunResponse(DateTimeOffset At, int Items, bool Succeeded);

public sealed record SourceErrorResponse(DateTimeOffset At, string Message);
