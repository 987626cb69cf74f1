namespace SignalHarvester.Tests.Deployment;

/// <summary>The checked-in bundle is what the AppHost generates now, and its wiring follows the model.</summary>
public sealed class StagingBundleTests(GeneratedBundle bundle) : IClassFixture<GeneratedBundle>
{
    [Fact]
    public void Checked_in_bundle_is_what_the_apphost_generates()
    {
        var generated = bundle.Files();
        var checkedIn = Directory.EnumerateFiles(bundle.CheckedIn, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(bundle.CheckedIn, f))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(generated, checkedIn);
        foreach (var file in generated)
        {
            Assert.True(bundle.Read(file) == File.ReadAllText(Path.Combine(bundle.CheckedIn, file)),
                $"deploy/staging/{file} is stale: regenerate with dotnet run --project SignalHarvester.AppHost -- --publisher staging --output-path deploy/staging");
        }
    }

    [Fact]
    public void Depends_on_follows_the_wait_annotations()
    {
        var compose = bundle.Read("docker-compose.staging.yml");
        // migrations WaitFor(database) → postgres healthy; api/worker WaitForCompletion(migrations), WaitFor(cache).
        Assert.Contains("  migrations:\n    image: \"signalharvester/migrations:${SIGNALHARVESTER_TAG:-latest}\"\n    restart: \"no\"", compose);
        Assert.Contains("    depends_on:\n      postgres:\n        condition: \"service_healthy\"", compose);
        Assert.Contains(
            "    depends_on:\n      cache:\n        condition: \"service_healthy\"\n      migrations:\n        condition: \"service_completed_successfully\"",
            compose);
        Assert.Contains("pg_isready", compose);
        Assert.Contains("redis-cli", compose);
        Assert.Contains("docker.io/library/postgres:15", compose);
        Assert.Contains("docker.io/library/redis:7", compose);
    }

    [Fact]
    public void Secrets_are_empty_in_the_example()
    {
        var lines = bundle.Read(".env.staging.example").Split('\n');
        foreach (var secret in new[] { "POSTGRES_PASSWORD", "CACHE_PASSWORD", "X_BEARER_TOKEN", "SLACK_WEBHOOK_URL", "LLM_API_KEY", "GITHUB_TOKEN", "GRAFANA_ADMIN_PASSWORD" })
        {
            Assert.Contains($"{secret}=", lines);
        }
    }
}
