using System.Xml.Linq;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Tests.Deployment;

namespace SignalHarvester.Tests.Foundation;

/// <summary>
/// References point one way (docs/architecture.md): domain and shared defaults ← data ← services ← the AppHost.
/// A reference against the grain, or between two services, fails here before it can spread.
/// </summary>
public sealed class ProjectReferenceTests
{
    // Lower layers first; a project may reference only projects of a lower layer.
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["SignalHarvester.ServiceDefaults"] = 0,
        ["SignalHarvester.Domain"] = 0,
        ["SignalHarvester.Data"] = 1,
        ["SignalHarvester.Api"] = 2,
        ["SignalHarvester.Worker"] = 2,
        ["SignalHarvester.MigrationService"] = 2,
        ["SignalHarvester.Web"] = 2,
        ["SignalHarvester.Hosting"] = 2,
        ["SignalHarvester.AppHost"] = 3,
    };

    [Fact]
    public void Every_reference_points_to_a_lower_layer()
    {
        var references = References();
        Assert.Equal(Layers.Keys.Order(StringComparer.Ordinal), references.Keys.Order(StringComparer.Ordinal));
        Assert.NotEmpty(references.Values.SelectMany(r => r));
        var against = references
            .SelectMany(p => p.Value.Where(target => Layers[target] >= Layers[p.Key]).Select(target => $"{p.Key} → {target}"))
            .ToList();
        Assert.Empty(against);
    }

    [Fact]
    public void The_console_reaches_data_only_through_the_api()
    {
        // It talks to the API over HTTP (issue 16): no EF model, no connection string, no worker code.
        Assert.Equal(["SignalHarvester.Domain", "SignalHarvester.ServiceDefaults"], References()["SignalHarvester.Web"]);
    }

    [Fact]
    public void The_domain_compiles_against_the_base_library_and_extension_abstractions_only()
    {
        // What the compiler actually bound, not what a project file says: no EF Core, Npgsql, ASP.NET Core,
        // Hangfire, Redis or LLM client may reach the rules (issue 12).
        var referenced = typeof(SignalStatus).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("Microsoft.Extensions.AI.Abstractions", referenced);
        var foreign = referenced.Where(name => !AllowedInDomain(name)).ToList();
        Assert.Empty(foreign);
        Assert.Empty(References()["SignalHarvester.Domain"]);
    }

    private static bool AllowedInDomain(string assembly) =>
        assembly is "netstandard" or "mscorlib"
        || assembly.StartsWith("System.", StringComparison.Ordinal)
        || (assembly.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
            && (assembly.EndsWith(".Abstractions", StringComparison.Ordinal) || assembly is "Microsoft.Extensions.Options" or "Microsoft.Extensions.Options.ConfigurationExtensions"));

    /// <summary>Each production project (not tests, not benchmarks) and the projects it references by name.</summary>
    private static Dictionary<string, List<string>> References()
    {
        var root = Tool.RepositoryRoot();
        return Directory.EnumerateDirectories(root, "SignalHarvester.*")
            .Select(directory => Path.Combine(directory, Path.GetFileName(directory) + ".csproj"))
            .Where(File.Exists)
            .Where(project => !Path.GetFileNameWithoutExtension(project).EndsWith(".Tests", StringComparison.Ordinal))
            .ToDictionary(
                project => Path.GetFileNameWithoutExtension(project),
                project => XDocument.Load(project).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                    .Order(StringComparer.Ordinal)
                    .ToList(),
                StringComparer.Ordinal);
    }
}
