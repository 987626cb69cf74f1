using System.Xml.Linq;
using SignalHarvester.Tests.Deployment;

namespace SignalHarvester.Tests.Foundation;

/// <summary>
/// References point one way (docs/architecture.md): shared defaults ← domain and data ← services ← the AppHost.
/// A reference against the grain, or between two services, fails here before it can spread.
/// </summary>
public sealed class ProjectReferenceTests
{
    // Lower layers first; a project may reference only projects of a lower layer.
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["SignalHarvester.ServiceDefaults"] = 0,
        ["SignalHarvester.Core"] = 1,
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
        Assert.Equal(["SignalHarvester.ServiceDefaults"], References()["SignalHarvester.Web"]);
    }

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
