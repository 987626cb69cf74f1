using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SignalHarvester.Benchmarks;

/// <summary>
/// What the platform does on this machine, measured beside the API in the same run: a minimal host
/// built from the same ServiceDefaults (telemetry, health, Prometheus), serving a bare endpoint
/// (<c>/bare</c>) and an in-memory 50-item JSON array shaped like a page of signals (<c>/items</c>).
/// Same log filters as the API's appsettings, so neither pays for request logging the other skips.
/// </summary>
internal static class BaselineHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();

        var items = Enumerable.Range(1, 50).Select(Item).ToList();
        app.MapGet("/bare", () => "ok");
        app.MapGet("/items", () => TypedResults.Ok(items));
        await app.RunAsync();
        return 0;
    }

    private static BaselineItem Item(int i)
    {
        var id = (1_900_000_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new BaselineItem(
            id, $"checkout api latency outage deploy model release paper benchmark gpu kernel postgres redis {i}",
            new BaselineAuthor($"{100_000 + i}", $"user{i}", $"User {i}"), DateTimeOffset.UnixEpoch.AddDays(20_400).AddMinutes(i), "en",
            new BaselineEngagement(i * 10, i * 3, i, i / 2), ["outages", "ai-research"], "outage", "negative", i % 6, ["latency", "eu-west"],
            "Mentions an outage with user impact and a region.", "heuristic", false, i * 1.5, DateTimeOffset.UnixEpoch.AddDays(20_400),
            null, "scored", $"https://x.com/user{i}/status/{id}", null);
    }
}

/// <summary>A signal as the API returns it (same fields, nesting and sizes), from memory.</summary>
internal sealed record BaselineItem(
    string Id, string Text, BaselineAuthor Author, DateTimeOffset CreatedAt, string? Lang, BaselineEngagement Engagement,
    string[] MatchedQueries, string? Category, string? Sentiment, int? Urgency, string[] Tags, string? Reasoning,
    string? ClassifiedBy, bool ClassificationFallback, double? Salience, DateTimeOffset? ScoredAt, DateTimeOffset? NotifiedAt,
    string Status, string Url, string? Notes);

internal sealed record BaselineAuthor(string? Id, string? Username, string? Name);

internal sealed record BaselineEngagement(int Likes, int Retweets, int Replies, int Quotes);
