using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// The staging report's evidence (docs/operations/staging-validation.md), gathered from the AppHost's
/// staging rehearsal: Prometheus, Alertmanager, node-exporter and Caddy run with the bundle's configuration
/// and are reached through Caddy, as an operator reaches them. Expected names come from the checked-in bundle
/// (deploy/staging, kept current by StagingBundleTests).
/// </summary>
[Collection(StagingRehearsalCollection.Name)]
public sealed class StagingRehearsalTests(StagingRehearsalStackFixture stack)
{
    // Prometheus scrapes every 15 s (the bundle's interval): the first scrape of the api lands within one.
    private static readonly TimeSpan FirstScrapeTimeout = TimeSpan.FromSeconds(60);

    // The worker runs both pipelines once on start; their counters reach Prometheus at the next scrape after.
    private static readonly TimeSpan FirstPipelineRunsTimeout = TimeSpan.FromMinutes(2);

    private static readonly string Bundle = Path.Combine(Tool.RepositoryRoot(), "deploy", "staging");

    [Fact]
    public async Task Prometheus_reports_the_api_target_up_on_the_prometheus_metrics_path()
    {
        using var prometheus = MonitoringClient("prometheus", "PROMETHEUS_BASIC_AUTH_USER");

        var api = await Eventually.ReturnsAsync(
            async () => ActiveTargets(await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/targets"))
                .FirstOrDefault(t => t.GetProperty("labels").GetProperty("job").GetString() == "api"),
            target => target.ValueKind == JsonValueKind.Object && target.GetProperty("health").GetString() == "up",
            FirstScrapeTimeout, "Prometheus scrapes the api target successfully");

        Assert.Equal("/metrics/prometheus", new Uri(api.GetProperty("scrapeUrl").GetString()!).AbsolutePath);
        Assert.Equal("/metrics/prometheus", api.GetProperty("discoveredLabels").GetProperty("__metrics_path__").GetString());
        Assert.Equal("", api.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task Prometheus_reports_the_node_target_up_at_the_rehearsal_node_exporter()
    {
        using var prometheus = MonitoringClient("prometheus", "PROMETHEUS_BASIC_AUTH_USER");

        var node = await Eventually.ReturnsAsync(
            async () => ActiveTargets(await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/targets"))
                .FirstOrDefault(t => t.GetProperty("labels").GetProperty("job").GetString() == "node"),
            target => target.ValueKind == JsonValueKind.Object && target.GetProperty("health").GetString() == "up",
            FirstScrapeTimeout, "Prometheus scrapes the node target successfully");

        Assert.Equal("", node.GetProperty("lastError").GetString());
        // The rehearsal's own node-exporter, not one a package may have started on :9100.
        var scrapeUrl = new Uri(node.GetProperty("scrapeUrl").GetString()!);
        Assert.Equal("/metrics", scrapeUrl.AbsolutePath);
        Assert.Equal(stack.App.GetEndpoint(ResourceNames.NodeExporter, "http").Port, scrapeUrl.Port);
    }

    [Fact]
    public async Task Disk_space_low_alert_evaluates_on_the_filesystems_node_exporter_reports()
    {
        using var prometheus = MonitoringClient("prometheus", "PROMETHEUS_BASIC_AUTH_USER");
        var diskSpaceLow = BundleAlertRules.Read(Bundle).Single(rule => rule.Name == "DiskSpaceLow");
        var selectors = BundleAlertRules.Selectors(diskSpaceLow.Expression);
        Assert.Contains(selectors, selector => selector.StartsWith("node_filesystem_avail_bytes{", StringComparison.Ordinal));

        // Each selector as the alert writes it (filters included) matches filesystems of the node job…
        var filesystemsBySelector = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var selector in selectors)
        {
            var series = await Eventually.ReturnsAsync(
                async () => Series(await QueryAsync(prometheus, selector)),
                found => found.Count > 0, FirstScrapeTimeout, $"Prometheus has series for {selector}");
            Assert.All(series, s => Assert.Equal("node", s.GetProperty("job").GetString()));
            filesystemsBySelector[selector] = series.Select(LabelsWithoutName).Order(StringComparer.Ordinal).ToArray();
        }

        // …the same filesystems on both sides of the ratio, so the division matches them one to one…
        Assert.All(filesystemsBySelector.Values, filesystems => Assert.Equal(filesystemsBySelector[selectors[0]], filesystems));

        // …and the whole expression evaluates, to nothing while every disk has 10 % left, else to some of them.
        var lowFilesystems = Series(await QueryAsync(prometheus, diskSpaceLow.Expression));
        Assert.All(lowFilesystems, s => Assert.Contains(LabelsWithoutName(s), filesystemsBySelector[selectors[0]]));
    }

    [Fact]
    public async Task Every_alert_rule_of_the_bundle_evaluates_on_the_rehearsal_data_and_selects_metrics_that_exist()
    {
        using var prometheus = MonitoringClient("prometheus", "PROMETHEUS_BASIC_AUTH_USER");
        var rules = BundleAlertRules.Read(Bundle);
        Assert.NotEmpty(rules);

        // A misspelt metric name evaluates without error, to nothing: only its absence from Prometheus shows it.
        var selected = rules.SelectMany(rule => BundleAlertRules.MetricNames(rule.Expression)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("node_filesystem_avail_bytes", selected);
        await Eventually.ReturnsAsync(
            async () =>
            {
                var stored = (await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/label/__name__/values"))
                    .GetProperty("data").EnumerateArray().Select(name => name.GetString()!);
                return string.Join(", ", selected.Except(stored).Order(StringComparer.Ordinal));
            },
            missing => missing.Length == 0, FirstPipelineRunsTimeout, "every metric the alert rules select has series in Prometheus");

        // Errors promtool cannot see, because they depend on the data (e.g. many-to-many matching).
        var failures = new List<string>();
        foreach (var rule in rules)
        {
            var evaluation = await QueryAsync(prometheus, rule.Expression);
            if (evaluation.GetProperty("status").GetString() != "success")
            {
                failures.Add($"{rule.Name}: {evaluation}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Prometheus_has_loaded_every_alert_rule_of_the_bundle()
    {
        using var prometheus = MonitoringClient("prometheus", "PROMETHEUS_BASIC_AUTH_USER");

        var rules = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/rules");

        var loaded = rules.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Where(r => r.GetProperty("type").GetString() == "alerting")
            .Select(r => r.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal);
        var generated = Regex.Matches(File.ReadAllText(Path.Combine(Bundle, "alerts.yml")), @"- alert: ""(\w+)""")
            .Select(m => m.Groups[1].Value)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(generated);
        Assert.Equal(generated, loaded);
    }

    [Fact]
    public async Task Alertmanager_is_ready_with_the_bundle_configuration_loaded()
    {
        using var alertmanager = MonitoringClient("alerts", "ALERTMANAGER_BASIC_AUTH_USER");

        using var ready = await alertmanager.GetAsync("/-/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var status = await alertmanager.GetFromJsonAsync<JsonElement>("/api/v2/status");
        var loadedConfig = status.GetProperty("config").GetProperty("original").GetString()!;
        var receivers = Regex.Matches(File.ReadAllText(Path.Combine(Bundle, "alertmanager.yml")), @"- name: ""([\w-]+)""")
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.NotEmpty(receivers);
        Assert.All(receivers, receiver => Assert.Contains($"- name: {receiver}\n", loadedConfig));
        Assert.Contains("url: http://alert-webhook.invalid/replace-me", loadedConfig);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("prometheus")]
    [InlineData("alerts")]
    public async Task Caddy_terminates_tls_with_a_certificate_of_its_internal_authority_for_the_site(string site)
    {
        X509Certificate2? served = null;
        using var client = stack.CreateSiteClient(site, certificate => served = certificate);

        using var response = await client.GetAsync("/");

        // The handshake succeeded only if the chain ended at Caddy's root and the name matched (the fixture's check).
        Assert.NotNull(served);
        Assert.Contains("Caddy Local Authority", served.Issuer);
        Assert.Equal($"{site}.{StagingRehearsalStackFixture.Domain}", served.GetNameInfo(X509NameType.DnsName, forIssuer: false));
        Assert.NotEqual(stack.CaddyRoot.Thumbprint, served.Thumbprint);
    }

    [Theory]
    [InlineData("prometheus", "PROMETHEUS_BASIC_AUTH_USER", "/api/v1/status/buildinfo")]
    [InlineData("alerts", "ALERTMANAGER_BASIC_AUTH_USER", "/api/v2/status")]
    public async Task Caddy_refuses_monitoring_without_basic_auth_and_serves_it_with_the_generated_credentials(
        string site, string userVariable, string path)
    {
        using var client = stack.CreateSiteClient(site);
        var user = ExampleEnv(userVariable);

        using var anonymous = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");

        using var wrongPassword = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = stack.BasicAuth(user, "not-the-password") } };
        using var refused = await client.SendAsync(wrongPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var authenticated = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = stack.BasicAuth(user, stack.BasicAuthPassword) } };
        using var served = await client.SendAsync(authenticated);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Through_caddy_the_api_publishes_only_its_public_surface_with_security_headers()
    {
        using var api = stack.CreateSiteClient("api");

        foreach (var path in new[] { "/health/live", "/api/v1/signals/top" })
        {
            using var response = await api.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} through Caddy: {(int)response.StatusCode}");
            // The report's `curl -D - … | grep -i x-ratelimit` evidence, and the headers of a public site.
            ApiTestHelpers.AssertRateLimitHeaders(response);
            Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(response.Headers.Contains("Server"), $"{path}: Caddy announces itself");
        }

        // Readiness details and metrics are for the internal networks (probes, Prometheus).
        foreach (var path in new[] { "/health/ready", "/health/startup", "/health", "/metrics/prometheus", "/" })
        {
            using var response = await api.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} through Caddy: {(int)response.StatusCode}, expected 404");
        }
    }

    private HttpClient MonitoringClient(string site, string userVariable)
    {
        var client = stack.CreateSiteClient(site);
        client.DefaultRequestHeaders.Authorization = stack.BasicAuth(ExampleEnv(userVariable), stack.BasicAuthPassword);
        return client;
    }

    // An instant query; Prometheus answers an expression it cannot evaluate with status "error" and why.
    private static async Task<JsonElement> QueryAsync(HttpClient prometheus, string expression)
    {
        using var response = await prometheus.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(expression)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // The label sets of an instant query's result; the query must have succeeded.
    private static List<JsonElement> Series(JsonElement evaluation)
    {
        Assert.True(evaluation.GetProperty("status").GetString() == "success", evaluation.ToString());
        return evaluation.GetProperty("data").GetProperty("result").EnumerateArray().Select(s => s.GetProperty("metric")).ToList();
    }

    private static string LabelsWithoutName(JsonElement labels) =>
        string.Join(",", labels.EnumerateObject()
            .Where(label => label.Name != "__name__")
            .OrderBy(label => label.Name, StringComparer.Ordinal)
            .Select(label => $"{label.Name}={label.Value.GetString()}"));

    private static IEnumerable<JsonElement> ActiveTargets(JsonElement targets) =>
        targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray();

    // The basic-auth users are the bundle's defaults, as an operator copying .env.staging.example gets them.
    private static string ExampleEnv(string variable) =>
        File.ReadLines(Path.Combine(Bundle, ".env.staging.example"))
            .Single(line => line.StartsWith($"{variable}=", StringComparison.Ordinal))[(variable.Length + 1)..];
}
