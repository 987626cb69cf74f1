using SignalHarvester.Tests.Deployment;

namespace SignalHarvester.Tests.Foundation;

/// <summary>The product's C# sources as the architecture tests read them: every project but the tests, without build output or EF's generated migrations.</summary>
internal static class ProductSources
{
    /// <summary>Each source file's path relative to the repository root (with '/') and its text.</summary>
    public static IReadOnlyList<(string Path, string Text)> Read()
    {
        var root = Tool.RepositoryRoot();
        return Directory.EnumerateDirectories(root, "SignalHarvester.*")
            .Where(project => !project.EndsWith(".Tests", StringComparison.Ordinal))
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Where(file => !Segment(file, "obj") && !Segment(file, "bin") && !Segment(file, "Migrations"))
            .Select(file => (Path.GetRelativePath(root, file).Replace('\\', '/'), File.ReadAllText(file)))
            .ToList();
    }

    private static bool Segment(string file, string folder) =>
        file.Contains($"{Path.DirectorySeparatorChar}{folder}{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
}
