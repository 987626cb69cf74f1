namespace SignalHarvester.Api.Security;

public enum ApiKeyTier
{
    Standard,
    Premium,
}

/// <summary>One client's key. Keys are secrets: they come from secret parameters / secret stores, never from appsettings.</summary>
public sealed class ApiKeyDefinition
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    public ApiKeyTier Tier { get; set; } = ApiKeyTier.Standard;

    private string? scopes;
    private IReadOnlyList<string>? granted;

    /// <summary>Space-separated <see cref="ApiScopes"/>; blank means <see cref="ApiScopes.Default"/>.</summary>
    public string? Scopes
    {
        get => scopes;
        set => (scopes, granted) = (value, null);
    }

    /// <summary>The scopes this key grants, parsed once (every keyed request asks).</summary>
    public IReadOnlyList<string> GrantedScopes => granted ??= ApiScopes.Parse(scopes);
}

/// <summary>The <c>Api:Keys</c> section: an array of <c>{ Name, Key, Tier, Scopes }</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    public List<ApiKeyDefinition> Keys { get; set; } = [];
}
