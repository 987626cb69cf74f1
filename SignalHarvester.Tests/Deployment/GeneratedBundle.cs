using System.Text.RegularExpressions;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// The staging bundle regenerated from the AppHost into a temporary directory, once for all the bundle tests
/// (<see cref="GeneratedBundleCollection"/>), exactly as an operator would
/// (<c>dotnet run --project SignalHarvester.AppHost -- --publisher staging</c>).
/// </summary>
public class GeneratedBundle : IAsyncLifetime
{
    private readonly string publisher;

    // Env files the tests fill live beside the bundle, not in it: the bundle directory stays exactly what was generated.
    private readonly string envDirectory;

    public GeneratedBundle()
        : this("staging")
    {
    }

    protected GeneratedBundle(string publisher)
    {
        this.publisher = publisher;
        Directory = System.IO.Directory.CreateTempSubdirectory($"signalharvester-{publisher}-").FullName;
        envDirectory = System.IO.Directory.CreateTempSubdirectory($"signalharvester-{publisher}-env-").FullName;
        CheckedIn = Path.Combine(Tool.RepositoryRoot(), "deploy", publisher);
    }

    public string Directory { get; }

    /// <summary>The checked-in copy: <c>deploy/&lt;publisher&gt;</c>.</summary>
    public string CheckedIn { get; }

    public async Task InitializeAsync()
    {
        // --no-build: the test run has just built the AppHost (the test project references it).
        var result = await Tool.RunAsync("dotnet",
            ["run", "--no-build", "--project", "SignalHarvester.AppHost", "--", "--publisher", publisher, "--output-path", Directory],
            Tool.RepositoryRoot());
        Assert.True(result.ExitCode == 0, $"generating the bundle failed: {result}");
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        System.IO.Directory.Delete(envDirectory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The checked-in copy holds exactly the generated files, byte for byte. Files git ignores there (an operator's
    /// filled-in <c>.env.staging</c> or <c>secrets.env</c>) are not part of it.
    /// </summary>
    public async Task AssertCheckedInIsCurrentAsync()
    {
        var tracked = await Tool.RunAsync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "--", $"deploy/{publisher}"], Tool.RepositoryRoot());
        Assert.Equal(0, tracked.ExitCode);
        var checkedIn = tracked.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => Path.GetRelativePath(CheckedIn, Path.Combine(Tool.RepositoryRoot(), f)))
            .Where(f => File.Exists(Path.Combine(CheckedIn, f)))
            .Order(StringComparer.Ordinal)
            .ToList();

        var generated = Files();
        Assert.Equal(generated, checkedIn);
        foreach (var file in generated)
        {
            Assert.True(Read(file) == File.ReadAllText(Path.Combine(CheckedIn, file)),
                $"deploy/{publisher}/{file} is stale: regenerate with dotnet run --project SignalHarvester.AppHost -- --publisher {publisher} --output-path deploy/{publisher}");
        }
    }

    public IReadOnlyList<string> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Where a test writes an env file of its own (beside the bundle, not in it).</summary>
    public string EnvFile(string name) => Path.Combine(envDirectory, name);

    public string Read(string file) => File.ReadAllText(Path.Combine(Directory, file));

    /// <summary>The example env file with every empty value filled with a dummy, for tools that insist on values.</summary>
    public string DummyEnvFile()
    {
        var path = EnvFile(".env.test");
        var lines = Read(".env.staging.example").Split('\n')
            .Select(line => line.EndsWith('=') && !line.StartsWith('#') ? line + DummyValue(line) : line);
        // CADDY_TLS_EMAIL stays as in the example: empty means Caddy's internal CA.
        File.WriteAllText(path, string.Join('\n', lines));
        return path;
    }

    /// <summary>
    /// The example env file with only what compose requires filled (passwords, the API key, basic-auth
    /// hashes): an operator's minimal file, with every optional credential (X, Slack, LLM…) left empty.
    /// </summary>
    public string RequiredOnlyEnvFile()
    {
        var required = Regex.Matches(Read("docker-compose.staging.yml"), @"\$\{([A-Z0-9_]+):\?").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("POSTGRES_PASSWORD", required);
        var path = EnvFile(".env.required");
        var lines = Read(".env.staging.example").Split('\n')
            .Select(line => line.EndsWith('=') && required.Contains(line[..^1]) ? line + DummyValue(line) : line);
        File.WriteAllText(path, string.Join('\n', lines));
        return path;
    }

    private static string DummyValue(string line) => line.StartsWith("CADDY_TLS_EMAIL=", StringComparison.Ordinal) ? ""
        : line.Contains("HASH", StringComparison.Ordinal)
        ? "JDJhJDE0JEVUNlFCZFhBSEJ6T2xOamJDSm5GbS5UVVFZQWhPVExLd0JGdUl0aW9CeVE0a3ZlT0s5Z0FL" // base64 of a bcrypt hash
        : "0123456789abcdef";
}

/// <summary>The bundle tests share one generated bundle: generating it is a run of the AppHost.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedBundleCollection : ICollectionFixture<GeneratedBundle>
{
    public const string Name = "generated-bundle";
}

/// <summary>The Kubernetes bundle (<c>--publisher kubernetes</c>), regenerated the same way.</summary>
public sealed class GeneratedKubernetesBundle : GeneratedBundle
{
    public GeneratedKubernetesBundle()
        : base("kubernetes")
    {
    }
}
