using System.Buffers;

namespace SignalHarvester.Domain.Discovery;

/// <summary>An artifact as <see cref="CrossSourceMentions"/> sees it: its keys, URL and text.</summary>
public sealed record MentionedArtifact(long Id, string Source, string Origin, string SourceId, string? Url);

/// <summary>
/// For each artifact, how many other sources (artifacts of the same origin) point at it: share its URL,
/// or contain its source id (8 characters or more) in their text or URL, as an ordinal substring.
/// </summary>
/// <remarks>
/// Every other artifact is read once (<see cref="Observe"/>, in any order and in batches): URLs are a
/// dictionary lookup and the source ids are searched all at once in each text (<see cref="SearchValues{T}"/>,
/// a multi-string search), so the work grows with the text read, not with artifacts × artifacts as a
/// join on <c>strpos</c> does.
/// </remarks>
public sealed class CrossSourceMentions
{
    /// <summary>Shorter source ids (small numbers) would be found inside unrelated text.</summary>
    public const int MinSourceIdLength = 8;

    private readonly Dictionary<string, List<MentionedArtifact>> byUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MentionedArtifact>> bySourceId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MentionedArtifact>>.AlternateLookup<ReadOnlySpan<char>> bySourceIdSpan;
    private readonly int[] sourceIdLengths;
    private readonly SearchValues<string>? sourceIds;
    private readonly Dictionary<long, HashSet<string>> sources = [];

    /// <param name="mentioned">The artifacts whose mentions are counted.</param>
    public CrossSourceMentions(IEnumerable<MentionedArtifact> mentioned)
    {
        foreach (var artifact in mentioned)
        {
            if (artifact.Url is { } url)
            {
                Add(byUrl, url, artifact);
            }

            if (artifact.SourceId.Length >= MinSourceIdLength)
            {
                Add(bySourceId, artifact.SourceId, artifact);
            }
        }

        bySourceIdSpan = bySourceId.GetAlternateLookup<ReadOnlySpan<char>>();
        sourceIdLengths = [.. bySourceId.Keys.Select(k => k.Length).Distinct().Order()];
        sourceIds = bySourceId.Count > 0 ? SearchValues.Create([.. bySourceId.Keys], StringComparison.Ordinal) : null;
    }

    /// <summary>Reads one artifact (any artifact, including the mentioned ones): whom it points at.</summary>
    public void Observe(string source, string origin, string? url, string? text)
    {
        if (url is not null && byUrl.TryGetValue(url, out var sameUrl))
        {
            Count(sameUrl, source, origin);
        }

        FindSourceIds(text, source, origin);
        FindSourceIds(url, source, origin);
    }

    /// <summary>Other sources pointing at each mentioned artifact; an artifact nobody points at is absent.</summary>
    public IReadOnlyDictionary<long, int> Counts() => sources.ToDictionary(s => s.Key, s => s.Value.Count);

    private void FindSourceIds(string? haystack, string source, string origin)
    {
        if (haystack is null || sourceIds is null)
        {
            return;
        }

        var span = haystack.AsSpan();
        for (var at = span.IndexOfAny(sourceIds); at >= 0;)
        {
            // The search says where a match starts, not which: every id length is tried there.
            foreach (var length in sourceIdLengths)
            {
                if (at + length <= span.Length && bySourceIdSpan.TryGetValue(span.Slice(at, length), out var named))
                {
                    Count(named, source, origin);
                }
            }

            var next = span[(at + 1)..].IndexOfAny(sourceIds);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    private void Count(List<MentionedArtifact> pointedAt, string source, string origin)
    {
        foreach (var artifact in pointedAt)
        {
            if (artifact.Source != source && artifact.Origin == origin)
            {
                if (!sources.TryGetValue(artifact.Id, out var from))
                {
                    sources[artifact.Id] = from = new HashSet<string>(StringComparer.Ordinal);
                }

                from.Add(source);
            }
        }
    }

    private static void Add(Dictionary<string, List<MentionedArtifact>> index, string key, MentionedArtifact artifact)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(artifact);
    }
}
