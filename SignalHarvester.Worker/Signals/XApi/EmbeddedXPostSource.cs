using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>
/// Answers recent search from the bundled sample responses (<c>Signals/Samples/XSearch/{query name}.json</c>,
/// parsed by the same <see cref="XSearchResponseParser"/> as live responses), so the pipeline runs
/// end to end without an X account. Behaves like X: newest first, <c>since_id</c> filtering,
/// pages of <see cref="XApiOptions.PageSize"/>, <c>lang:</c> from <see cref="XApiOptions.Language"/>.
/// Every post is served with a <see cref="SamplePostIds">sample id</see> and re-dated by
/// <see cref="SampleDates"/>, so on any day the newest sample post is an hour old. A query whose
/// name has no sample gets an empty result.
/// </summary>
public sealed class EmbeddedXPostSource(IOptions<XApiOptions> options, TimeProvider clock) : IXPostSource
{
    public const string SourceName = "embedded-sample";

    private const string ResourcePrefix = "SignalHarvester.Worker.Signals.Samples.XSearch.";
    private const string ResourceSuffix = ".json";
    private const string TokenPrefix = "sample-page-";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<XPost>>> LazyRecorded = new(LoadRecorded);

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<XPost>>> LazyServed = new(() =>
        Recorded.ToDictionary(s => s.Key, s => (IReadOnlyList<XPost>)[.. s.Value.Select(AsSample)], StringComparer.OrdinalIgnoreCase));

    private readonly XApiOptions _options = options.Value;

    public string Name => SourceName;

    public string Origin => DataOrigin.Sample;

    /// <summary>Every bundled sample by query name (case-insensitive), newest first, as recorded (X's ids and dates).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<XPost>> Recorded => LazyRecorded.Value;

    /// <summary>The newest recorded post of all samples: the one served <see cref="SampleDates.NewestItemAge"/> old.</summary>
    public static DateTimeOffset NewestRecorded => Recorded.Values.SelectMany(p => p).Max(p => p.CreatedAt);

    public Task<XSearchPage> SearchRecentAsync(XQuery query, string? sinceId, string? paginationToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!LazyServed.Value.TryGetValue(query.Name, out var sample))
        {
            return Task.FromResult(XSearchPage.Empty);
        }

        var language = _options.Language?.Trim();
        var matching = sample
            .Where(p => sinceId is null || XPostIds.IsNewer(p.Id, sinceId))
            .Where(p => string.IsNullOrEmpty(language) || string.Equals(p.Lang, language, StringComparison.OrdinalIgnoreCase))
            .ToList();

        var pageIndex = ReadPageIndex(paginationToken);
        var pageSize = _options.PageSize;
        var shift = SampleDates.ShiftFor(NewestRecorded, clock.GetUtcNow());
        var posts = matching.Skip(pageIndex * pageSize).Take(pageSize).Select(p => Redated(p, shift)).ToList();
        if (posts.Count == 0)
        {
            return Task.FromResult(XSearchPage.Empty);
        }

        var hasMore = (pageIndex + 1) * pageSize < matching.Count;
        return Task.FromResult(new XSearchPage(
            posts,
            NewestId: posts[0].Id,
            OldestId: posts[^1].Id,
            NextToken: hasMore ? TokenPrefix + (pageIndex + 1).ToString(CultureInfo.InvariantCulture) : null,
            ResultCount: posts.Count));
    }

    private static int ReadPageIndex(string? paginationToken)
    {
        if (string.IsNullOrEmpty(paginationToken))
        {
            return 0;
        }

        if (paginationToken.StartsWith(TokenPrefix, StringComparison.Ordinal)
            && int.TryParse(paginationToken.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index;
        }

        // X answers an unknown token with 400 Invalid Request.
        throw new XApiException($"The pagination_token '{paginationToken}' was not issued by the embedded sample feed.", HttpStatusCode.BadRequest);
    }

    // The payload says what the row says: the sample id, and (per request) the served date.
    private static XPost AsSample(XPost recorded)
    {
        var raw = JsonNode.Parse(recorded.RawJson)!.AsObject();
        raw["id"] = SamplePostIds.From(recorded.Id);
        if (raw["edit_history_tweet_ids"] is JsonArray)
        {
            raw["edit_history_tweet_ids"] = new JsonArray(SamplePostIds.From(recorded.Id));
        }

        if (recorded.ConversationId is { } conversation)
        {
            raw["conversation_id"] = SamplePostIds.From(conversation);
        }

        return recorded with
        {
            Id = SamplePostIds.From(recorded.Id),
            ConversationId = recorded.ConversationId is null ? null : SamplePostIds.From(recorded.ConversationId),
            RawJson = raw.ToJsonString(),
        };
    }

    private static XPost Redated(XPost post, TimeSpan shift)
    {
        var createdAt = post.CreatedAt + shift;
        var raw = JsonNode.Parse(post.RawJson)!.AsObject();
        raw["created_at"] = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return post with { CreatedAt = createdAt, RawJson = raw.ToJsonString() };
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<XPost>> LoadRecorded()
    {
        var assembly = typeof(EmbeddedXPostSource).Assembly;
        var samples = new Dictionary<string, IReadOnlyList<XPost>>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^ResourceSuffix.Length];
            var page = XSearchResponseParser.Parse(ReadResource(assembly, resource));
            samples[name] = page.Posts.OrderByDescending(p => p.Id, Comparer<string>.Create(XPostIds.Compare)).ToList();
        }

        return samples;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
