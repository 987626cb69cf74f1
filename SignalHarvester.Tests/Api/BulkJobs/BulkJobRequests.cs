using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Npgsql;
using SignalHarvester.Tests.Infrastructure;
using static SignalHarvester.Tests.Api.ApiTestHelpers;

namespace SignalHarvester.Tests.Api.BulkJobs;

/// <summary>What the bulk-job tests do through the API (start, poll, follow the event stream) and read from <c>bulk_jobs</c>.</summary>
internal static class BulkJobRequests
{
    public const string Key = ApiOnlyStackFixture.ApiKey;
    public static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(1);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, HttpContent content)
    {
        var request = Request(HttpMethod.Post, path, Key);
        request.Content = content;
        return client.SendAsync(request);
    }

    public static async Task<(string Location, JsonElement Job)> StartAsync(HttpClient client, string path, object body)
    {
        using var response = await PostAsync(client, path, JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        AssertRateLimitHeaders(response);
        var location = response.Headers.Location?.ToString();
        Assert.Matches("^/api/v1/signals/bulk-jobs/[0-9]+$", location);
        var job = await JsonAsync(response);
        Assert.Equal(location, job.GetProperty("url").GetString());
        Assert.Contains(job.GetProperty("state").GetString(), new[] { "queued", "running", "completed" });
        return (location!, job);
    }

    public static Task<JsonElement> WaitForAsync(HttpClient client, string location, Func<JsonElement, bool> done) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await client.GetAsync(location);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await JsonAsync(response);
            },
            done,
            JobTimeout,
            $"bulk job {location} reaching the expected progress");

    public static Task<JsonElement> WaitForEndAsync(HttpClient client, string location) =>
        WaitForAsync(client, location, j => j.GetProperty("state").GetString() is "completed" or "failed" or "cancelled");

    public static (int Total, int Processed, int Succeeded, int Failed) Counts(JsonElement job) => (
        job.GetProperty("total").GetInt32(), job.GetProperty("processed").GetInt32(),
        job.GetProperty("succeeded").GetInt32(), job.GetProperty("failed").GetInt32());

    /// <summary>
    /// Opens the job's event stream (anonymously unless <paramref name="apiKey"/> is given), optionally resuming after
    /// <paramref name="lastEventId"/>; the caller reads and disposes it.
    /// </summary>
    public static async Task<HttpResponseMessage> OpenEventsAsync(
        HttpClient client, string location, string? lastEventId, CancellationToken cancellationToken, string? apiKey = null)
    {
        // A 503 is the API's honest answer when PostgreSQL did not connect within its 1 s (a loaded CI machine): a
        // client retries after Retry-After, as the API documents; a few times at most, then the 503 is the result.
        for (var attempt = 1; ; attempt++)
        {
            var request = Request(HttpMethod.Get, location + "/events", apiKey);
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 3)
            {
                return response;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(retryAfter, cancellationToken);
        }
    }

    /// <summary>Reads an event stream to its end: each event's type, id and job, each also handed to <paramref name="onEvent"/> as it arrives.</summary>
    public static async Task<List<(string Type, long Id, JsonElement Job)>> ReadEventsAsync(
        HttpResponseMessage response, CancellationToken cancellationToken, Action<(string Type, long Id, JsonElement Job)>? onEvent = null)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var events = new List<(string, long, JsonElement)>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            events.Add((item.EventType, EventId(item), Parse(item.Data)));
            onEvent?.Invoke(events[^1]);
        }

        return events;
    }

    public static long EventId(SseItem<string> item)
    {
        Assert.NotNull(item.EventId);
        return long.Parse(item.EventId, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The job's row: state, processed count, lease owner and the owner that committed its latest batch.</summary>
    public static async Task<(string State, int Processed, string? LeaseOwner, string? ProcessedBy)> JobRowAsync(NpgsqlConnection db, long jobId)
    {
        await using var command = new NpgsqlCommand("SELECT state, processed, lease_owner, processed_by FROM bulk_jobs WHERE id = $1", db);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = jobId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }
}
