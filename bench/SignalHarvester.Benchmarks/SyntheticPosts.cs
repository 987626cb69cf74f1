using System.Globalization;
using System.Text.Json;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Signals.XApi;

namespace SignalHarvester.Benchmarks;

/// <summary>Deterministic posts shaped like real ones (text length, raw JSON size) for storage benchmarks.</summary>
internal static class SyntheticPosts
{
    public static IReadOnlyList<XPost> Page(int page, int size) =>
        Enumerable.Range(0, size).Select(i =>
        {
            var id = (2_000_000_000_000_000_000L + page * 10_000L + i).ToString(CultureInfo.InvariantCulture);
            var text = $"Checkout API returning 502s for the last {i % 60} minutes in eu-west, anyone else? #outage #{page}";
            var raw = JsonSerializer.Serialize(new
            {
                id,
                text,
                author_id = (100_000 + i).ToString(CultureInfo.InvariantCulture),
                created_at = DateTimeOffset.UnixEpoch.AddDays(20_000).AddMinutes(page * size + i),
                lang = "en",
                public_metrics = new { like_count = i, retweet_count = i / 3, reply_count = i / 5, quote_count = i / 7 },
                author = new { username = $"user{i}", name = $"User {i}" },
            });
            return new XPost(id, text, (100_000 + i).ToString(CultureInfo.InvariantCulture), $"user{i}", $"User {i}", "en",
                DateTimeOffset.UnixEpoch.AddDays(20_000).AddMinutes(page * size + i), id, i, i / 3, i / 5, i / 7, raw);
        }).ToList();
}
