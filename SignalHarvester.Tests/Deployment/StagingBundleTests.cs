using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Tests.Infrastructure;
using SignalHarvester.Worker.Discovery.Sources;
using SignalHarvester.Worker.Signals.Slack;
using SignalHarvester.Worker.Signals.XApi;
using SignalHarvester.Worker.Sources;
using YamlDotNet.RepresentationModel;

namespace SignalHarvester.Tests.Deployment;

/// <summary>The checked-in bundle is what the AppHost generates now, and its wiring follows the model.</summary>
[Collection(GeneratedBundleCollection.Name)]
public sealed class StagingBundleTests(GeneratedBundle bundle)
{
    [Fact]
    public Task Checked_in_bundle_is_what_the_apphost_generates() => bundle.AssertCheckedInIsCurrentAsync();

    [Fact]
    public void Depends_on_follows_the_wait_annotations()
    {
        var compose = bundle.Read("docker-compose.staging.yml");
        // api/worker WaitForCompletion(migrations). Their WaitFor(cache) and the migrations' WaitFor(database) are
        // left out: those servers run under profiles a managed one switches off (ExternalServicesBundleTests).
        Assert.Contains("  migrations:\n    image: \"signalharvester/migrations:${SIGNALHARVESTER_TAG:-latest}\"\n    restart: \"no\"", compose);
        Assert.Contains(
            "    depends_on:\n      migrations:\n        condition: \"service_completed_successfully\"",
            compose);
        Assert.Contains("    depends_on:\n      api:\n        condition: \"service_started\"", compose);
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

    [Fact]
    public async Task Every_source_runs_live_in_the_bundle_and_nothing_asks_for_samples()
    {
        var worker = await WorkerEnvironmentAsync(bundle.RequiredOnlyEnvFile());

        var modes = worker.Where(e => e.Key.EndsWith("__Mode", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(
            ["Discovery__Sources__Arxiv__Mode", "Discovery__Sources__GitHub__Mode", "Discovery__Sources__HackerNews__Mode", "Harvest__Slack__Mode", "Harvest__X__Mode", "Llm__Mode"],
            modes.Keys.Order(StringComparer.Ordinal));
        Assert.All(modes.Values, mode => Assert.Equal("live", mode));
        Assert.DoesNotContain(worker, e => e.Key.StartsWith("Sources__", StringComparison.Ordinal));
        Assert.DoesNotContain("sample", bundle.Read("docker-compose.staging.yml").Split('\n').Where(l => !l.TrimStart().StartsWith('#')).SelectMany(l => l.Split('"')), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("openai", worker["Llm__Provider"]);
        Assert.Equal(DefaultXQueries.All.Select(q => (q.Name, q.Query)), Enumerable.Range(0, DefaultXQueries.All.Count)
            .Select(i => (worker[$"Harvest__Queries__{i}__Name"], worker[$"Harvest__Queries__{i}__Query"])));
    }

    [Fact]
    public async Task Without_its_credentials_the_bundled_worker_turns_X_Slack_and_the_LLM_off_instead_of_sampling()
    {
        var settings = WorkerSources(await WorkerEnvironmentAsync(bundle.RequiredOnlyEnvFile()), out var host);
        using (host)
        {
            Assert.Equal(
                [("arxiv", SourceMode.Live), ("github", SourceMode.Live), ("hackernews", SourceMode.Live), ("llm", SourceMode.Off), ("slack", SourceMode.Off), ("x", SourceMode.Off)],
                settings.All.Select(s => (s.Name, s.Mode)));
            Assert.Null(host.Services.GetService<IXPostSource>());
            Assert.Contains("bearer token", settings.Find("x")!.Detail, StringComparison.Ordinal);
            Assert.Equal("https://export.arxiv.org", settings.Find("arxiv")!.Endpoint);
        }

        // With the credentials filled in, the same bundle runs X and the LLM live.
        settings = WorkerSources(await WorkerEnvironmentAsync(bundle.DummyEnvFile()), out host);
        using (host)
        {
            Assert.Equal((SourceMode.Live, SourceMode.Live), (settings.Find("x")!.Mode, settings.Find("llm")!.Mode));
            Assert.IsType<XApiClient>(host.Services.GetRequiredService<IXPostSource>());
        }
    }

    [Fact]
    public async Task The_cache_password_reaches_redis_on_standard_input_and_never_a_command_line()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(bundle.Read("docker-compose.staging.yml")));
        var cache = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"])["cache"];
        var command = ((YamlSequenceNode)cache["command"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        var probe = ((YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)cache["healthcheck"])["test"]).Children[1]).Value!;
        Assert.Equal("-c", command[0]);

        // The container's shell script, run here with the machine's redis-server on a free port ($$ is compose's escape for $).
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var port = FreePort.Pick();
        var data = Directory.CreateTempSubdirectory("signalharvester-redis-").FullName;
        var script = command[1].Replace("$$", "$", StringComparison.Ordinal)
            .Replace("exec redis-server -", $"exec redis-server - --port {port} --bind 127.0.0.1 --dir {data}", StringComparison.Ordinal);
        var start = new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true };
        start.Environment["REDIS_PASSWORD"] = password;
        using var server = Process.Start(start)!;
        try
        {
            var environment = new Dictionary<string, string> { ["REDIS_PASSWORD"] = password };
            var healthy = probe.Replace("$$", "$", StringComparison.Ordinal).Replace("redis-cli", $"redis-cli -p {port}", StringComparison.Ordinal);
            await Eventually.ReturnsAsync(
                () => Tool.RunAsync("/bin/sh", ["-c", healthy], data, environment),
                result => result.ExitCode == 0,
                TimeSpan.FromSeconds(20),
                "the bundle's health probe answering from the bundle's Redis command");
            var refused = await Tool.RunAsync("redis-cli", ["-p", $"{port}", "ping"], data);
            Assert.Contains("NOAUTH", refused.Output, StringComparison.Ordinal);

            // The shell exec'd the server: its command line is the server's, and holds no password.
            var commandLine = File.ReadAllText($"/proc/{server.Id}/cmdline").Replace('\0', ' ');
            Assert.StartsWith("redis-server", commandLine, StringComparison.Ordinal);
            Assert.DoesNotContain(password, commandLine, StringComparison.Ordinal);
            Assert.DoesNotContain(" -a ", probe, StringComparison.Ordinal); // the probe's password goes through REDISCLI_AUTH
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    // The worker's environment as compose resolves it with the given env file.
    private async Task<Dictionary<string, string>> WorkerEnvironmentAsync(string envFile)
    {
        var result = await Tool.RunAsync("docker-compose", ["-f", "docker-compose.staging.yml", "--env-file", envFile, "config"], bundle.Directory);
        Assert.True(result.ExitCode == 0, result.ToString());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(string.Join('\n', result.Output.Split('\n').Where(l => !l.StartsWith("WARNING", StringComparison.Ordinal)))));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var environment = (YamlMappingNode)((YamlMappingNode)services["worker"])["environment"];
        return environment.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");
    }

    // How a worker with that environment registers its sources.
    private static SourceSettings WorkerSources(Dictionary<string, string> environment, out IHost host)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
        builder.AddSourceReporting();
        builder.AddXPostSource();
        builder.AddSlackNotifications();
        builder.AddDiscoverySources();
        host = builder.Build();
        return host.Services.GetRequiredService<SourceSettings>();
    }
}
