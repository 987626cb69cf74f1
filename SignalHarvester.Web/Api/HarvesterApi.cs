using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SignalHarvester.Web.Api;

/// <summary>
/// The console's only way to its data: the API, found by service discovery (<c>http://api</c>).
/// Failures become <see cref="ApiException"/>s that pages show as messages.
/// </summary>
public sealed class HarvesterApi(HttpClient http)
{
    // Signals
    public Task<Paged<Signal>> SignalsAsync(string query, CancellationToken ct) => GetAsync<Paged<Signal>>($"/api/v1/signals{query}", ct);

    public Task<SignalStats> SignalStatsAsync(CancellationToken ct) => GetAsync<SignalStats>("/api/v1/signals/stats", ct);

    public Task<Signal> SignalAsync(string id, CancellationToken ct) => GetAsync<Signal>($"/api/v1/signals/{Uri.EscapeDataString(id)}", ct);

    public Task UpdateSignalAsync(string id, string? status, string? notes, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, $"/api/v1/signals/{Uri.EscapeDataString(id)}", new { status, notes }, ct);

    // Discoveries, relationships, labels
    public Task<KeysetPage<Discovery>> DiscoveriesAsync(string query, CancellationToken ct) => GetAsync<KeysetPage<Discovery>>($"/api/v1/discoveries{query}", ct);

    public Task<DiscoveryDetail> DiscoveryAsync(long id, CancellationToken ct) => GetAsync<DiscoveryDetail>($"/api/v1/discoveries/{id}", ct);

    public Task<CitationGraph> CitationGraphAsync(long id, CancellationToken ct) =>
        GetAsync<CitationGraph>($"/api/v1/artifacts/{id}/citation-graph?depth=1&includeRelated=true", ct);

    public Task<ArtifactRelationships> RelationshipsAsync(long id, CancellationToken ct) => GetAsync<ArtifactRelationships>($"/api/v1/artifacts/{id}/relationships", ct);

    public Task<ArtifactLabel?> LabelAsync(long artifactId, CancellationToken ct) => FindAsync<ArtifactLabel>($"/api/v1/labels/{artifactId}", ct);

    public Task PutLabelAsync(long artifactId, string label, string? annotator, string? notes, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"/api/v1/labels/{artifactId}", new { label, annotator, notes }, ct);

    // Topics
    public Task<TrendingTopics> TrendingTopicsAsync(int window, int limit, CancellationToken ct) =>
        GetAsync<TrendingTopics>($"/api/v1/topics/trending?window={window}&limit={limit}", ct);

    public Task<TopicDetail> TopicAsync(long id, CancellationToken ct) => GetAsync<TopicDetail>($"/api/v1/topics/{id}", ct);

    public Task<TopicTimeline> TopicTimelineAsync(long id, int days, string interval, CancellationToken ct) =>
        GetAsync<TopicTimeline>($"/api/v1/topics/{id}/timeline?days={days}&interval={interval}", ct);

    public Task<TopicEvolution> TopicEvolutionAsync(long id, CancellationToken ct) => GetAsync<TopicEvolution>($"/api/v1/topics/{id}/evolution", ct);

    // Entities
    public Task<Paged<Entity>> EntitiesAsync(string query, CancellationToken ct) => GetAsync<Paged<Entity>>($"/api/v1/entities{query}", ct);

    public Task<EntityDetail> EntityAsync(long id, CancellationToken ct) => GetAsync<EntityDetail>($"/api/v1/entities/{id}", ct);

    public Task<Paged<EntityArtifact>> EntityArtifactsAsync(long id, CancellationToken ct) => GetAsync<Paged<EntityArtifact>>($"/api/v1/entities/{id}/artifacts?pageSize=50", ct);

    public Task<IReadOnlyList<EntityDecision>> EntityHistoryAsync(long id, CancellationToken ct) => GetAsync<IReadOnlyList<EntityDecision>>($"/api/v1/entities/{id}/history", ct);

    public Task<DuplicateCandidates> MergeCandidatesAsync(CancellationToken ct) => GetAsync<DuplicateCandidates>("/api/v1/entities/candidates?limit=20", ct);

    public Task MergeEntitiesAsync(long primaryId, long mergedId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/api/v1/entities/merge", new { primaryId, mergedId, reason = "console" }, ct);

    public Task RejectMergeAsync(long entityId, long otherEntityId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/api/v1/entities/decisions", new { entityId, otherEntityId, decision = "ignore", reason = "console" }, ct);

    // Experiments
    public Task<Paged<Experiment>> ExperimentsAsync(int page, CancellationToken ct) => GetAsync<Paged<Experiment>>($"/api/v1/experiments?page={page}&pageSize=50", ct);

    public Task<ExperimentComparison> CompareExperimentsAsync(long a, long b, CancellationToken ct) =>
        GetAsync<ExperimentComparison>($"/api/v1/experiments/compare?a={a}&b={b}", ct);

    // Operations (admin reads: they need the signed-in person's key)
    public Task<PipelinesStatus> PipelinesAsync(CancellationToken ct) => GetAsync<PipelinesStatus>("/api/v1/pipelines", ct);

    public Task<PipelineRun> PipelineRunAsync(string jobId, CancellationToken ct) => GetAsync<PipelineRun>($"/api/v1/pipelines/runs/{Uri.EscapeDataString(jobId)}", ct);

    public Task<PipelineRun> StartPipelineAsync(string pipeline, CancellationToken ct) =>
        SendAsync<PipelineRun>(HttpMethod.Post, $"/api/v1/pipelines/{Uri.EscapeDataString(pipeline)}", null, ct);

    public Task<BulkJob> BulkJobAsync(long id, CancellationToken ct) => GetAsync<BulkJob>($"/api/v1/signals/bulk-jobs/{id}", ct);

    /// <summary>
    /// Whether the API accepts <paramref name="key"/>: its description answers 200 with any valid key, whatever
    /// its scopes (a key without <c>admin</c> may still triage), 401 with a wrong one.
    /// </summary>
    public async Task<bool> AcceptsKeyAsync(string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/keys/current");
        request.Headers.Add(ApiKeyHandler.Header, key);
        using var response = await CallAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return false;
        }

        await EnsureSuccessAsync(response, ct);
        return true;
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken ct) =>
        await SendAsync<T>(HttpMethod.Get, path, null, ct);

    private async Task<T?> FindAsync<T>(string path, CancellationToken ct) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await CallAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(ct);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await CallAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await CallAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(ct)
            ?? throw new ApiException(string.Create(CultureInfo.InvariantCulture, $"The API answered {path} with an empty body"), response.StatusCode);
    }

    // Refused connections, timeouts and an open circuit all mean the same to a person: the API is down.
    private async Task<HttpResponseMessage> CallAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            var response = await http.SendAsync(request, ct);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
                && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                response.Dispose();
                throw ApiException.Down();
            }

            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                   || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw ApiException.Down();
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        Problem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true)
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<Problem>(ct);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a ProblemDetails after all: the status alone says enough.
            }
        }

        throw ApiException.From(problem, response.StatusCode);
    }
}
