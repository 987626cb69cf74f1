using System.Text.Json;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Tests.Signals;

public class XSearchResponseParserTests
{
    private const string FullResponse = """
        {
          "data": [
            {
              "id": "1861234567890123457",
              "text": "Is @acme_status down? Checkout API returns 503 #outage",
              "edit_history_tweet_ids": ["1861234567890123457"],
              "author_id": "2244994945",
              "created_at": "2026-11-26T14:03:12.000Z",
              "lang": "en",
              "conversation_id": "1861234567890123457",
              "public_metrics": { "retweet_count": 12, "reply_count": 7, "like_count": 230, "quote_count": 3, "bookmark_count": 1, "impression_count": 9120 },
              "entities": { "hashtags": [ { "start": 47, "end": 54, "tag": "outage" } ] }
            },
            {
              "id": "1861234567890123000",
              "text": "@someone same here",
              "edit_history_tweet_ids": ["1861234567890123000"],
              "author_id": "783214",
              "created_at": "2026-11-26T13:59:00.000Z",
              "lang": "en",
              "conversation_id": "1861234560000000000",
              "referenced_tweets": [ { "type": "replied_to", "id": "1861234560000000000" } ],
              "public_metrics": { "retweet_count": 0, "reply_count": 0, "like_count": 1, "quote_count": 0 }
            }
          ],
          "includes": {
            "users": [
              { "id": "2244994945", "name": "Dana Example", "username": "dana_builds" },
              { "id": "783214", "name": "Ops Person", "username": "ops_person" }
            ]
          },
          "meta": {
            "newest_id": "1861234567890123457",
            "oldest_id": "1861234567890123000",
            "result_count": 2,
            "next_token": "b26v89c19zqg8o3fpzbkk3yidvgvc6ojxxp0iagcrf9j1"
          }
        }
        """;

    [Fact]
    public void Full_response_maps_every_field_and_the_author_from_includes()
    {
        var page = XSearchResponseParser.Parse(FullResponse);

        Assert.Equal(2, page.ResultCount);
        Assert.Equal("1861234567890123457", page.NewestId);
        Assert.Equal("1861234567890123000", page.OldestId);
        Assert.Equal("b26v89c19zqg8o3fpzbkk3yidvgvc6ojxxp0iagcrf9j1", page.NextToken);
        Assert.Null(page.RateLimitExhaustedUntil);

        var post = page.Posts[0];
        Assert.Equal("1861234567890123457", post.Id);
        Assert.Equal("Is @acme_status down? Checkout API returns 503 #outage", post.Text);
        Assert.Equal("2244994945", post.AuthorId);
        Assert.Equal("dana_builds", post.AuthorUsername);
        Assert.Equal("Dana Example", post.AuthorName);
        Assert.Equal("en", post.Lang);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 3, 12, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal("1861234567890123457", post.ConversationId);
        Assert.Equal((230, 12, 7, 3), (post.LikeCount, post.RetweetCount, post.ReplyCount, post.QuoteCount));
        Assert.Equal("ops_person", page.Posts[1].AuthorUsername);
        Assert.Equal("1861234560000000000", page.Posts[1].ConversationId);
    }

    [Fact]
    public void Raw_json_is_the_post_object_with_its_author_merged_in()
    {
        var post = XSearchResponseParser.Parse(FullResponse).Posts[0];

        using var raw = JsonDocument.Parse(post.RawJson);
        Assert.Equal("1861234567890123457", raw.RootElement.GetProperty("id").GetString());
        Assert.Equal("outage", raw.RootElement.GetProperty("entities").GetProperty("hashtags")[0].GetProperty("tag").GetString());
        Assert.Equal(9120, raw.RootElement.GetProperty("public_metrics").GetProperty("impression_count").GetInt32());
        Assert.Equal("dana_builds", raw.RootElement.GetProperty("author").GetProperty("username").GetString());
        Assert.False(raw.RootElement.TryGetProperty("meta", out _));
    }

    [Fact]
    public void A_post_with_only_id_and_text_gets_defaults_and_its_time_from_the_snowflake_id()
    {
        // 1861234567890123457 >> 22 = 443752901051 ms after X's epoch (1288834974657).
        var page = XSearchResponseParser.Parse("""{"data":[{"id":"1861234567890123457","text":"bare"}],"meta":{"result_count":1}}""");

        var post = Assert.Single(page.Posts);
        Assert.Equal("bare", post.Text);
        Assert.Null(post.AuthorId);
        Assert.Null(post.AuthorUsername);
        Assert.Null(post.AuthorName);
        Assert.Null(post.Lang);
        Assert.Null(post.ConversationId);
        Assert.Equal((0, 0, 0, 0), (post.LikeCount, post.RetweetCount, post.ReplyCount, post.QuoteCount));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(443752901051 + 1288834974657), post.CreatedAt);
        Assert.Equal("""{"id":"1861234567890123457","text":"bare"}""", post.RawJson);
    }

    [Fact]
    public void An_author_missing_from_includes_leaves_the_name_empty_but_keeps_the_author_id()
    {
        var page = XSearchResponseParser.Parse("""
            {"data":[{"id":"42","text":"t","author_id":"7"}],"includes":{"users":[{"id":"8","name":"Other","username":"other"}]}}
            """);

        var post = Assert.Single(page.Posts);
        Assert.Equal("7", post.AuthorId);
        Assert.Null(post.AuthorUsername);
        Assert.DoesNotContain("\"author\"", post.RawJson);
    }

    [Fact]
    public void Partial_errors_next_to_data_keep_the_data()
    {
        var page = XSearchResponseParser.Parse("""
            {
              "data": [ { "id": "1861234567890123457", "text": "still here", "author_id": "1597520022725044210" } ],
              "errors": [ {
                "value": "1597520022725044210", "detail": "User has been suspended: [1597520022725044210].", "title": "Forbidden",
                "resource_type": "user", "parameter": "author_id", "resource_id": "1597520022725044210",
                "type": "https://api.twitter.com/2/problems/resource-not-found"
              } ],
              "meta": { "newest_id": "1861234567890123457", "oldest_id": "1861234567890123457", "result_count": 1 }
            }
            """);

        Assert.Equal("still here", Assert.Single(page.Posts).Text);
        Assert.Equal(1, page.ResultCount);
    }

    [Fact]
    public void Meta_only_means_no_new_posts()
    {
        var page = XSearchResponseParser.Parse("""{"meta":{"result_count":0}}""");

        Assert.Empty(page.Posts);
        Assert.Equal(0, page.ResultCount);
        Assert.Null(page.NewestId);
        Assert.Null(page.OldestId);
        Assert.Null(page.NextToken);
    }

    [Fact]
    public void Errors_without_data_throw_with_titles_and_details()
    {
        var ex = Assert.Throws<XApiException>(() => XSearchResponseParser.Parse("""
            {
              "errors": [
                { "parameters": { "since_id": ["1"] }, "message": "Invalid 'since_id':'1'. 'since_id' must be a tweet id created after 2026-11-20T00:00Z." },
                { "title": "Not Found Error", "detail": "Could not find tweet with id: [2]." }
              ],
              "title": "Invalid Request",
              "detail": "One or more parameters to your request was invalid.",
              "type": "https://api.twitter.com/2/problems/invalid-request"
            }
            """));

        Assert.Contains("must be a tweet id created after", ex.Message);
        Assert.Contains("Not Found Error: Could not find tweet with id: [2].", ex.Message);
        Assert.False(ex.IsAuthenticationFailure);
    }

    [Fact]
    public void Without_meta_the_newest_and_oldest_ids_are_computed_numerically()
    {
        var page = XSearchResponseParser.Parse("""{"data":[{"id":"999","text":"a"},{"id":"1000","text":"b"},{"id":"98","text":"c"}]}""");

        Assert.Equal("1000", page.NewestId);
        Assert.Equal("98", page.OldestId);
        Assert.Equal(3, page.ResultCount);
    }

    [Fact]
    public void Created_at_with_an_offset_is_read_as_the_same_instant()
    {
        var post = XSearchResponseParser.Parse("""{"data":[{"id":"1","text":"t","created_at":"2026-11-26T16:03:12+02:00"}]}""").Posts[0];

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 3, 12, TimeSpan.Zero), post.CreatedAt);
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("[1,2,3]")]
    public void Unusable_bodies_throw_XApiException(string body)
    {
        Assert.Throws<XApiException>(() => XSearchResponseParser.Parse(body));
    }

    [Theory]
    [InlineData("""{"text":"no id"}""", "unreadable", null)]
    [InlineData("""{"id":"12ab","text":"not a decimal id"}""", "unreadable", "12ab")]
    [InlineData("""{"id":{"wrong":"type"},"text":"an object for an id"}""", "unreadable", null)]
    [InlineData("""{"id":"7","text":"t","created_at":"yesterday"}""", "unreadable", "7")]
    [InlineData("""{"id":"7","text":"t","created_at":12345}""", "unreadable", "7")]
    [InlineData("""{"id":"7","text":"lone \ud800 surrogate"}""", "unreadable", "7")]
    [InlineData("""{"id":"7","text":"a \u0000 NUL"}""", "unstorable", "7")]
    [InlineData("""{"id":"7","text":"fine","entities":{"note":"a \u0000 NUL where only jsonb sees it"}}""", "unstorable", "7")]
    public void An_unusable_post_is_skipped_with_its_reason_and_the_rest_of_the_page_kept(string bad, string kind, string? id)
    {
        var page = XSearchResponseParser.Parse($$"""{"data":[{"id":"1","text":"good"},{{bad}},{"id":"3","text":"also good"}]}""");

        Assert.Equal(["1", "3"], page.Posts.Select(p => p.Id));
        var skipped = Assert.Single(page.Skipped);
        Assert.Equal(kind, skipped.Kind);
        Assert.Equal(id, skipped.Id);
        Assert.False(string.IsNullOrWhiteSpace(skipped.Reason));
    }

    [Fact]
    public void A_ten_megabyte_post_is_skipped_as_oversized_and_the_rest_of_the_page_kept()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        var page = XSearchResponseParser.Parse($$"""{"data":[{"id":"1","text":"good"},{"id":"2","text":"{{huge}}"},{"id":"3","text":"also good"}]}""");

        Assert.Equal(["1", "3"], page.Posts.Select(p => p.Id));
        var skipped = Assert.Single(page.Skipped);
        Assert.Equal((SkippedPost.Oversized, "2"), (skipped.Kind, skipped.Id));
        Assert.Contains("characters of JSON", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_bodies_are_described_for_error_messages()
    {
        Assert.Equal("Unauthorized", XSearchResponseParser.TryDescribeProblem("""{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"""));
        Assert.Equal(
            "Invalid Request: One or more parameters to your request was invalid. (The `max_results` query parameter value [5] is not between 10 and 100)",
            XSearchResponseParser.TryDescribeProblem("""
                {"errors":[{"parameters":{"max_results":["5"]},"message":"The `max_results` query parameter value [5] is not between 10 and 100"}],
                 "title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.twitter.com/2/problems/invalid-request"}
                """));
        Assert.Null(XSearchResponseParser.TryDescribeProblem("upstream connect error"));
    }
}
