using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SignalHarvester.Data.Signals;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Discovery.Sources.X;

/// <summary>Section <c>Discovery:Sources:X</c>: posts the signal pipeline harvested become artifacts of source <c>x</c>.</summary>
public sealed class XArtifactSourceOptions
{
    public const string SectionName = "Discovery:Sources:X";

    public bool Enabled { get; set; } = true;

    /// <summary>Most posts turned into artifacts per run (the most engaged first).</summary>
    public int MaxItems { get; set; } = 200;
}

/// <summary>Reads harvested signals through <see cref="SignalStore"/> (no network): the X side of discovery.</summary>
public sealed class XArtifactSource(SignalStore signals, IOptions<XArtifactSourceOptions> options) : IDiscoverySource
{
    public string Name => SourceNames.X;

    public async IAsyncEnumerable<SourceArtifact> FetchAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var signal in signals.MostEngagedAsync(since, options.Value.MaxItems, cancellationToken))
        {
            var (id, text, username) = (signal.Id, signal.Text, signal.AuthorUsername);
            yield return new SourceArtifact(
                SourceNames.X,
                id,
                ArtifactTypes.Post,
                Title: text.Length <= 120 ? text : text[..119] + "…",
                Text: text,
                Url: XPostUrl.For(username, id),
                PublishedAt: signal.CreatedAt,
                Authors: [new SourceAuthor(signal.AuthorName ?? username ?? "unknown", Handle: username)],
                RawJson: signal.RawJson ?? JsonSerializer.Serialize(new { id, text }))
            {
                Origin = signal.Origin,
            };
        }
    }
}
