using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>The recent-search queries to harvest; bound from <c>Harvest</c> (<c>Harvest:Queries:0:Name</c>, ...).</summary>
public sealed class HarvestOptions
{
    public const string SectionName = "Harvest";

    /// <summary>Empty in configuration means <see cref="DefaultXQueries.All"/> (filled in by <see cref="XSourceServiceExtensions.AddXPostSource"/>).</summary>
    public List<XQuery> Queries { get; set; } = [];

    /// <summary>The queries to run: enabled, and with query text (a deployment empties a query's text to stop it).</summary>
    public IEnumerable<XQuery> EnabledQueries => Queries.Where(q => q.Enabled && !string.IsNullOrWhiteSpace(q.Query));
}
