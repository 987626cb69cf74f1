using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Worker.Sources;

/// <summary>
/// One source as this worker runs it: the mode configuration asked for, the mode in effect (live
/// without its credential is off) and why, where it talks to, and whether its credential is set.
/// </summary>
public sealed record SourceSetting(
    string Name,
    SourceMode ConfiguredMode,
    SourceMode Mode,
    string Detail,
    string? Endpoint = null,
    bool? CredentialConfigured = null)
{
    /// <summary>The origin of what this source stores.</summary>
    public string Origin => DataOrigin.Of(Mode);

    public bool IsOff => Mode == SourceMode.Off;

    /// <summary>Whether the source stores what it reads: every source but the LLM and Slack, which are services, so a new source needs no entry.</summary>
    public bool StoresData => Name is not (SourceNames.Llm or SourceNames.Slack);

    /// <summary>The mode as configured, for a source that needs nothing more to run that way.</summary>
    public static SourceSetting Plain(string name, SourceMode mode, string liveEndpoint, string sampleDetail) => mode switch
    {
        SourceMode.Live => new(name, mode, mode, $"reads {liveEndpoint}", liveEndpoint),
        SourceMode.Sample => new(name, mode, mode, sampleDetail),
        _ => Off(name),
    };

    public static SourceSetting Off(string name, bool? credentialConfigured = null) =>
        new(name, SourceMode.Off, SourceMode.Off, "off in configuration", CredentialConfigured: credentialConfigured);
}
