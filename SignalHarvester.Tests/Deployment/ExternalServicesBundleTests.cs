using YamlDotNet.RepresentationModel;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// The bundle takes a managed PostgreSQL and Redis by configuration only: DATABASE_URL (the owner) reaches the
/// migrations, APP_DATABASE_URL (the application role) the API and the worker, REDIS_URL the services that use it;
/// the bundled servers run only under profiles, and the CA directory is mounted.
/// </summary>
[Collection(GeneratedBundleCollection.Name)]
public sealed class ExternalServicesBundleTests(GeneratedBundle bundle)
{
    private static readonly string[] ApplicationServices = ["api", "worker"];

    [Fact]
    public void The_bundled_servers_run_under_profiles_that_nothing_else_depends_on()
    {
        var services = Services();

        Assert.Equal("bundled-postgres", Assert.Single(Sequence(Mapping(services, "postgres"), "profiles")));
        Assert.Equal("bundled-redis", Assert.Single(Sequence(Mapping(services, "cache"), "profiles")));
        foreach (var (name, service) in services.Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value)))
        {
            var dependsOn = service.Children.TryGetValue("depends_on", out var node) ? ((YamlMappingNode)node).Children.Keys.Select(k => ((YamlScalarNode)k).Value) : [];
            Assert.DoesNotContain("postgres", dependsOn);
            Assert.DoesNotContain("cache", dependsOn);
            Assert.False(name is not ("postgres" or "cache") && service.Children.ContainsKey("profiles"), $"{name} always runs");
        }

        var example = bundle.Read(".env.staging.example").Split('\n');
        Assert.Contains("COMPOSE_PROFILES=bundled-postgres,bundled-redis", example);
        Assert.Contains("DATABASE_URL=", example);
        Assert.Contains("APP_DATABASE_URL=", example);
        Assert.Contains("REDIS_URL=", example);
    }

    [Fact]
    public async Task Database_and_redis_urls_reach_every_service_that_uses_them_with_the_ca_directory()
    {
        var services = Services();
        var migrations = Mapping(services, "migrations");
        Assert.Equal("${DATABASE_URL-}", Scalar(Mapping(migrations, "environment"), "External__Database"));
        Assert.Equal("${APP_DATABASE_URL-}", Scalar(Mapping(migrations, "environment"), "External__ApplicationDatabase"));
        Assert.Contains("./certs:/etc/signalharvester/certs:ro", Sequence(migrations, "volumes"));
        foreach (var name in ApplicationServices)
        {
            var service = Mapping(services, name);
            Assert.Equal("${APP_DATABASE_URL-}", Scalar(Mapping(service, "environment"), "External__Database"));
            Assert.Contains("./certs:/etc/signalharvester/certs:ro", Sequence(service, "volumes"));
        }

        Assert.Equal("${REDIS_URL-}", Scalar(Mapping(Mapping(services, "api"), "environment"), "External__Cache"));
        Assert.Equal("${REDIS_URL-}", Scalar(Mapping(Mapping(services, "worker"), "environment"), "External__Cache"));

        // As compose resolves it: the operator's URL verbatim (percent-encoding intact), beside the bundled connection string it replaces.
        var envFile = bundle.EnvFile(".env.external");
        var required = await File.ReadAllTextAsync(bundle.RequiredOnlyEnvFile());
        // A made-up password with URL-special characters, percent-encoded as an operator would.
        var url = $"postgresql://owner:{Uri.EscapeDataString("p@ss:w/rd")}@db.example.com:5432/harvest?sslmode=verify-full"; // secretlint-disable-line -- test value
        var applicationUrl = $"postgresql://harvest_app:{Uri.EscapeDataString("ap/p:pw")}@db.example.com:5432/harvest?sslmode=verify-full"; // secretlint-disable-line -- test value
        await File.WriteAllTextAsync(envFile, required
            .Replace("\nDATABASE_URL=\n", $"\nDATABASE_URL={url}\n", StringComparison.Ordinal)
            .Replace("\nAPP_DATABASE_URL=\n", $"\nAPP_DATABASE_URL={applicationUrl}\n", StringComparison.Ordinal));
        var result = await Tool.RunAsync("docker-compose", ["-f", "docker-compose.staging.yml", "--env-file", envFile, "config"], bundle.Directory);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"External__Database: {url}", result.Output);
        Assert.Contains($"External__ApplicationDatabase: {applicationUrl}", result.Output);
        Assert.Contains($"External__Database: {applicationUrl}", result.Output);
    }

    [Fact]
    public void Only_the_migrations_hold_the_database_owners_password()
    {
        var services = Services();
        var holders = services.Children
            .Where(c => c.Value is YamlMappingNode service && service.Children.ContainsKey("environment")
                && Mapping(service, "environment").Children.Values.OfType<YamlScalarNode>().Any(v => v.Value!.Contains("${POSTGRES_PASSWORD", StringComparison.Ordinal)))
            .Select(c => ((YamlScalarNode)c.Key).Value)
            .Order(StringComparer.Ordinal);

        // The server itself (it sets the password) and the migrations (they own the schema); the API and the worker log in as harvest_app.
        Assert.Equal(["migrations", "postgres"], holders);
        foreach (var name in ApplicationServices)
        {
            Assert.StartsWith("Host=postgres;Port=5432;Username=harvest_app;Password=${HARVEST_APP_PASSWORD:?",
                Scalar(Mapping(Mapping(services, name), "environment"), "ConnectionStrings__harvest"), StringComparison.Ordinal);
        }
    }

    private YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(bundle.Read("docker-compose.staging.yml")));
        return Mapping((YamlMappingNode)yaml.Documents[0].RootNode, "services");
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
}
