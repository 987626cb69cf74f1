using System.Globalization;
using System.Text;
using System.Text.Json;
using SignalHarvester.Data;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Sources;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>
/// Reads a <c>GET /2/tweets/search/recent</c> body. Every field but a post's <c>id</c> is optional:
/// X only sends what was requested and what exists. Partial errors next to <c>data</c> (e.g. an
/// author that could not be expanded) are ignored; a body with errors and no data throws; a post that
/// cannot be read or stored is skipped with its reason (<see cref="XSearchPage.Skipped"/>).
/// </summary>
public static class XSearchResponseParser
{
    public static XSearchPage Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new XApiException($"X API returned a body that is not JSON: {ex.Message}", innerException: ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new XApiException($"X API returned a JSON {root.ValueKind} instead of an object.");
            }

            var hasData = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array;
            if (!hasData && TryDescribeErrors(root) is { } problems)
            {
                throw new XApiException($"X API returned errors and no data: {problems}");
            }

            var users = ReadUsers(root);
            var posts = new List<XPost>();
            var skipped = new List<SkippedPost>();
            if (hasData)
            {
                ReadPosts(data, users, posts, skipped);
            }

            var meta = root.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            return new XSearchPage(
                posts,
                NewestId: String(meta, "newest_id") ?? posts.Select(p => p.Id).Aggregate((string?)null, XPostIds.Max),
                OldestId: String(meta, "oldest_id") ?? posts.Select(p => p.Id).Aggregate((string?)null, XPostIds.Min),
                NextToken: String(meta, "next_token"),
                ResultCount: Int(meta, "result_count") ?? posts.Count) { Skipped = skipped };
        }
    }

    /// <summary>
    /// One bad item (no usable id, an unreadable date, a string with an unpaired surrogate, text PostgreSQL cannot
    /// store, more JSON than any real post) is skipped with its reason; the rest of the page is kept.
    /// </summary>
    private static void ReadPosts(JsonElement data, Dictionary<string, JsonElement> users, List<XPost> posts, List<SkippedPost> skipped)
    {
        foreach (var item in data.EnumerateArray())
        {
            var length = item.GetRawText().Length;
            if (length > UpstreamLimits.MaxItemChars)
            {
                skipped.Add(new SkippedPost(IdOf(item), SkippedPost.Oversized, $"{length} characters of JSON, more than {UpstreamLimits.MaxItemChars}"));
                continue;
            }

            try
            {
                var post = ReadPost(item, users);
                if (UnstorableReason(post) is { } reason)
                {
                    skipped.Add(new SkippedPost(post.Id, SkippedPost.Unstorable, reason));
                    continue;
                }

                posts.Add(post);
            }
            catch (Exception e) when (e is XApiException or InvalidOperationException)
            {
                // InvalidOperationException: a string escape that is no UTF-16 text (an unpaired surrogate).
                skipped.Add(new SkippedPost(IdOf(item), SkippedPost.Unreadable, e.Message));
            }
        }
    }

    /// <summary>Why PostgreSQL would refuse the post (text or jsonb with NUL or an unpaired surrogate), else null.</summary>
    private static string? UnstorableReason(XPost post)
    {
        string?[] texts = [post.Text, post.AuthorId, post.AuthorUsername, post.AuthorName, post.Lang, post.ConversationId];
        if (texts.Any(t => t is not null && !StorableText.IsStorable(t)))
        {
            return $"text {StorableText.Requirement}";
        }

        using var raw = JsonDocument.Parse(post.RawJson);
        return StorableStrings(raw.RootElement) ? null : $"raw JSON {StorableText.Requirement}";
    }

    // jsonb refuses \u0000 and unpaired surrogates anywhere, also in fields the pipeline never reads.
    private static bool StorableStrings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => StorableText.IsStorable(element.GetString()),
        JsonValueKind.Array => element.EnumerateArray().All(StorableStrings),
        JsonValueKind.Object => element.EnumerateObject().All(p => StorableText.IsStorable(p.Name) && StorableStrings(p.Value)),
        _ => true,
    };

    private static string? IdOf(JsonElement item)
    {
        try
        {
            return String(item, "id");
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// "title: detail; title: detail" from an <c>errors</c> array or a problem-details object (the
    /// shape of X's 4xx bodies); null when the body has neither. Never throws.
    /// </summary>
    public static string? TryDescribeProblem(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var own = Describe(root);
            var nested = TryDescribeErrors(root);
            return own is null ? nested : nested is null ? own : $"{own} ({nested})";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? TryDescribeErrors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array || errors.GetArrayLength() == 0)
        {
            return null;
        }

        return string.Join("; ", errors.EnumerateArray().Select(e => Describe(e) ?? e.GetRawText()));
    }

    private static string? Describe(JsonElement problem)
    {
        if (problem.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // Problem objects use title + detail; older v2 validation errors use message.
        var parts = new[] { String(problem, "title"), String(problem, "detail") ?? String(problem, "message") }
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Distinct()
            .ToArray();
        return parts.Length == 0 ? null : string.Join(": ", parts);
    }

    private static Dictionary<string, JsonElement> ReadUsers(JsonElement root)
    {
        var users = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("includes", out var includes) && includes.ValueKind == JsonValueKind.Object
            && includes.TryGetProperty("users", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var user in list.EnumerateArray())
            {
                if (String(user, "id") is { } id)
                {
                    users[id] = user.Clone();
                }
            }
        }

        return users;
    }

    private static XPost ReadPost(JsonElement post, Dictionary<string, JsonElement> users)
    {
        var id = String(post, "id");
        if (!XPostIds.IsValid(id))
        {
            throw new XApiException($"X API returned a post without a valid id: {Excerpt(post.GetRawText())}");
        }

        var authorId = String(post, "author_id");
        JsonElement? author = authorId is not null && users.TryGetValue(authorId, out var user) ? user : null;
        var metrics = post.TryGetProperty("public_metrics", out var pm) && pm.ValueKind == JsonValueKind.Object ? pm : default;

        return new XPost(
            Id: id!,
            Text: String(post, "text") ?? string.Empty,
            AuthorId: authorId,
            AuthorUsername: author is { } a ? String(a, "username") : null,
            AuthorName: author is { } b ? String(b, "name") : null,
            Lang: String(post, "lang"),
            CreatedAt: ReadCreatedAt(post, id!),
            ConversationId: String(post, "conversation_id"),
            LikeCount: Int(metrics, "like_count") ?? 0,
            RetweetCount: Int(metrics, "retweet_count") ?? 0,
            ReplyCount: Int(metrics, "reply_count") ?? 0,
            QuoteCount: Int(metrics, "quote_count") ?? 0,
            RawJson: RawJsonWithAuthor(post, author));
    }

    private static DateTimeOffset ReadCreatedAt(JsonElement post, string id)
    {
        if (String(post, "created_at") is { } text)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var createdAt))
            {
                return createdAt;
            }

            throw new XApiException($"X API returned post {id} with an unreadable created_at '{text}'.");
        }

        // Not requested or not sent: the snowflake id carries the creation time to the millisecond.
        return XPostIds.CreatedAt(id) ?? DateTimeOffset.UnixEpoch;
    }

    private static string RawJsonWithAuthor(JsonElement post, JsonElement? author)
    {
        if (author is null || post.TryGetProperty("author", out _))
        {
            return post.GetRawText();
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in post.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WritePropertyName("author");
            author.Value.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int? Int(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => (int)Math.Clamp(n, 0, int.MaxValue),
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => (int)Math.Clamp(n, 0, int.MaxValue),
            _ => null,
        };
    }

    internal static string Excerpt(string text, int length = 300) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
