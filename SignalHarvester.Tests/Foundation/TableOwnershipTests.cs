using System.Text.RegularExpressions;

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
        var touching = ProductSources.Read().Where(s => SqlOnSignals().IsMatch(s.Text)).Select(s => s.Path).Order(StringComparer.Ordinal).ToList();

        // The scan finds the store itself, so a broken pattern cannot pass as "nobody else".
        Assert.Contains("SignalHarvester.Data/Signals/SignalStore.cs", touching);
        Assert.All(touching, path => Assert.Matches(@"^SignalHarvester\.Data/Signals/SignalStore(\.\w+)?\.cs$", path));
    }

    // A statement naming the table: from / join / into / update / delete from / copy … tweets.
    [GeneratedRegex(@"\b(from|join|into|update|copy)\s+tweets\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlOnSignals();
}
