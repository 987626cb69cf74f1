namespace SignalHarvester.Domain.Signals;

/// <summary>
/// The queries used when <c>Harvest:Queries</c> is empty. Their names are the embedded sample
/// files (<c>Signals/Samples/XSearch/{name}.json</c>), so the sample feed answers every one of them.
/// </summary>
public static class DefaultXQueries
{
    public static IReadOnlyList<XQuery> All { get; } =
    [
        new("outages", "(outage OR down OR degraded OR \"status page\") (api OR service OR login OR checkout) -is:retweet"),
        new("security", "(CVE OR vulnerability OR exploit OR breach OR \"security advisory\") -is:retweet"),
        new("bugs", "(bug OR crash OR regression OR \"broken after\") -is:retweet"),
        new("questions", "(\"how do I\" OR \"anyone know\" OR \"does anyone\" OR \"is there a way\") -is:retweet"),
        new("praise", "(\"love the new\" OR \"shoutout to\" OR \"huge thanks\" OR \"works great\") -is:retweet"),
    ];
}
