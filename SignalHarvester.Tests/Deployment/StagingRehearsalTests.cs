using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using SignalHarvester.Tests.Api;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// The staging report's evidence (docs/operations/staging-validation.md), gathered from the AppHost's
/// staging rehearsal: Prometheus, Alertmanager and Caddy run with the bundle's configuration and are
/// reached through Caddy, as an operator reaches them. Expected names come from the checked-in bundle
/// (deploy/staging, kept current by StagingBundleTests).
/// </summary>
[Collection(StagingRehearsalCollection.Name)]
public sealed class StagingRehearsalTests(StagingRehearsalStackFixture stack)
{
    // Prometheus scrapes every 15 s (the bundle's interval): the first scrape of the api lands within one.
    private static readonly TimeSpan FirstScrapeTimeout = TimeSpan.FromSeconds(60);

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
    public async Task Api_answers_ready_and_healthy_through_caddy_with_rate_limit_headers()
    {
        using var api = stack.CreateSiteClient("api");

        using var response = await api.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        // The report's `curl -D - … | grep -i x-ratelimit` evidence.
        ApiTestHelpers.AssertRateLimitHeaders(response);
    }

    private HttpClient MonitoringClient(string site, string userVariable)
    {
        var client = stack.CreateSiteClient(site);
        client.DefaultRequestHeaders.Authorization = stack.BasicAuth(ExampleEnv(userVariable), stack.BasicAuthPassword);
        return client;
    }

    private static IEnumerable<JsonElement> ActiveTargets(JsonElement targets) =>
        targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray();

    // The basic-auth users are the bundle's defaults, as an operator copying .env.staging.example gets them.
    private static string ExampleEnv(string variable) =>
        File.ReadLines(Path.Combine(Bundle, ".env.staging.example"))
            .Single(line => line.StartsWith($"{variable}=", StringComparison.Ordinal))[(variable.Length + 1)..];
}
