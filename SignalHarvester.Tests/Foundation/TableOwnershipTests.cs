using System.Text.RegularExpressions;
using SignalHarvester.Tests.Deployment;

namespace SignalHarvester.Tests.Foundation;

/// <summary>
/// One owner per table (issue 12): every SQL statement on the signals' table <c>tweets</c> is written in
/// <c>SignalHarvester.Data/Signals/SignalStore*.cs</c>; the pipelines and the API call the store. Migrations are
/// the schema's own history and are left out.
/// </summary>
public sealed partial class TableOwnershipTests
{
    [Fact]
    public void Only_the_signal_store_writes_sql_for_the_signals_table()
    {
        var root = Tool.RepositoryRoot();
        var sources = Directory.EnumerateDirectories(root, "SignalHarvester.*")
            .Where(project => !project.EndsWith(".Tests", StringComparison.Ordinal))
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Where(file => !Segment(file, "obj") && !Segment(file, "bin") && !Segment(file, "Migrations"))
            .Select(file => (Path: Path.GetRelativePath(root, file), Text: File.ReadAllText(file)))
            .ToList();

        var touching = sources.Where(s => SqlOnSignals().IsMatch(s.Text)).Select(s => s.Path.Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

        // The scan finds the store itself, so a broken pattern cannot pass as "nobody else".
        Assert.Contains("SignalHarvester.Data/Signals/SignalStore.cs", touching);
        Assert.All(touching, path => Assert.Matches(@"^SignalHarvester\.Data/Signals/SignalStore(\.\w+)?\.cs$", path));
    }

    private static bool Segment(string file, string folder) =>
        file.Contains($"{Path.DirectorySeparatorChar}{folder}{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    // A statement naming the table: from / join / into / update / delete from / copy … tweets.
    [GeneratedRegex(@"\b(from|join|into|update|copy)\s+tweets\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlOnSignals();
}
