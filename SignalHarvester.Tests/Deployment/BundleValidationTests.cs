namespace SignalHarvester.Tests.Deployment;

/// <summary>The generated files pass the real tools' own checks (installed by eng/prerequisites.sh).</summary>
[Collection(GeneratedBundleCollection.Name)]
public sealed class BundleValidationTests(GeneratedBundle bundle)
{
    [Fact]
    public async Task Compose_refuses_to_start_while_a_required_secret_is_empty_and_names_it()
    {
        var example = await Tool.RunAsync("docker-compose",
            ["-f", "docker-compose.staging.yml", "--env-file", ".env.staging.example", "config", "-q"], bundle.Directory);
        Assert.True(example.ExitCode != 0, example.ToString());
        Assert.Matches("[A-Z_]+ must be set in .env.staging", example.Output);

        // Only the required ones filled (passwords, API key, basic-auth hashes): valid, optional credentials may stay empty.
        var minimal = await Tool.RunAsync("docker-compose",
            ["-f", "docker-compose.staging.yml", "--env-file", bundle.RequiredOnlyEnvFile(), "config", "-q"], bundle.Directory);
        Assert.True(minimal.ExitCode == 0, minimal.ToString());
    }

    [Fact]
    public async Task Compose_file_is_valid_with_every_secret_set()
    {
        var result = await Tool.RunAsync("docker-compose",
            ["-f", "docker-compose.staging.yml", "--env-file", bundle.DummyEnvFile(), "config", "-q"], bundle.Directory);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Prometheus_config_and_rules_are_valid()
    {
        var config = await Tool.RunAsync("promtool", ["check", "config", "prometheus.yml"], bundle.Directory);
        Assert.True(config.ExitCode == 0, config.ToString());
        var rules = await Tool.RunAsync("promtool", ["check", "rules", "alerts.yml"], bundle.Directory);
        Assert.True(rules.ExitCode == 0, rules.ToString());
        Assert.Contains("SUCCESS: 8 rules found", rules.Output);
    }

    [Fact]
    public async Task Alertmanager_config_is_valid()
    {
        var result = await Tool.RunAsync("amtool", ["check-config", "alertmanager.yml"], bundle.Directory);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    // The compose file hands Caddy CADDY_TLS_EMAIL, defaulting to `internal`; an address turns on ACME.
    [Theory]
    [InlineData("internal")]
    [InlineData("ops@example.com")]
    public async Task Caddyfile_is_valid(string tls)
    {
        var environment = File.ReadAllLines(bundle.DummyEnvFile())
            .Where(line => line.Contains('=') && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        environment["CADDY_TLS_EMAIL"] = tls;
        var result = await Tool.RunAsync("caddy", ["validate", "--adapter", "caddyfile", "--config", "Caddyfile"], bundle.Directory, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Valid configuration", result.Output);
    }
}
