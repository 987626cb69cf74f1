using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Worker.Signals.XApi;

/// <summary>How to reach X's recent-search endpoint; bound from <c>Harvest:X</c>.</summary>
public sealed class XApiOptions
{
    public const string SectionName = "Harvest:X";
    public const int MinPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>Without a path: the client appends <c>/2/tweets/search/recent</c>. Tests point it at a fake.</summary>
    public string BaseUrl { get; set; } = "https://api.x.com";

    /// <summary>App-only bearer token (a secret: user secrets or environment, never appsettings). Empty means the embedded sample feed.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Requested page size; X accepts 10..100, so <see cref="PageSize"/> clamps it.</summary>
    public int MaxResults { get; set; } = MaxPageSize;

    /// <summary>At most this many pages per query per run, so one busy query cannot spend the whole rate-limit window.</summary>
    public int PageBudget { get; set; } = 5;

    /// <summary>When set (e.g. <c>en</c>), <c> lang:en</c> is appended to every query.</summary>
    public string? Language { get; set; }

    public int PageSize => Math.Clamp(MaxResults, MinPageSize, MaxPageSize);

    public bool HasBearerToken => !string.IsNullOrWhiteSpace(BearerToken);

    /// <summary>The query text sent to X: the configured query plus the language operator, unless the query already names a language.</summary>
    public string ComposeQuery(XQuery query)
    {
        var text = query.Query.Trim();
        var language = Language?.Trim();
        if (string.IsNullOrEmpty(language) || text.Contains("lang:", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        return $"{text} lang:{language}";
    }
}
