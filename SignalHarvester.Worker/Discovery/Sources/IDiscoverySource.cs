namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>
/// A place where research artifacts surface. Every registered implementation is resolved as
/// <c>IEnumerable&lt;IDiscoverySource&gt;</c>, so a new source (e.g. X posts) only needs registering.
/// </summary>
public interface IDiscoverySource
{
    /// <summary>The <see cref="SourceArtifact.Source"/> value this source yields.</summary>
    string Name { get; }

    /// <summary>
    /// Artifacts published since <paramref name="since"/>, newest first where the source allows.
    /// A failing source throws (callers isolate sources). Only sources that are not off are registered.
    /// </summary>
    IAsyncEnumerable<SourceArtifact> FetchAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
