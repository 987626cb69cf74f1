namespace SignalHarvester.Domain.Sources;

/// <summary>
/// How a source runs: <see cref="Live"/> talks to the real service, <see cref="Sample"/> reads the
/// data bundled with the worker (or, for the LLM and Slack, their offline stand-ins), <see cref="Off"/>
/// does nothing. Chosen per source in configuration (<c>&lt;section&gt;:Mode</c>, else <c>Sources:Mode</c>).
/// </summary>
public enum SourceMode
{
    Live,
    Sample,
    Off,
}

public static class SourceModes
{
    /// <summary>The default for every source that names no mode of its own.</summary>
    public const string DefaultKey = "Sources:Mode";

    /// <summary>What a worker assumes when nothing is configured: a deployment never serves samples unless asked to.</summary>
    public const SourceMode Default = SourceMode.Live;

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<SourceMode>().Select(Name)];

    /// <summary>The configuration and API form: <c>live</c>, <c>sample</c>, <c>off</c>.</summary>
    public static string Name(this SourceMode mode) => mode.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out SourceMode mode)
    {
        mode = Default;
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed)
               && !char.IsAsciiDigit(trimmed[0])
               && Enum.TryParse(trimmed, ignoreCase: true, out mode)
               && Enum.IsDefined(mode);
    }
}
