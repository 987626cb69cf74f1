namespace SignalHarvester.Api.Security;

/// <summary>
/// What a key may do. Reads are public and every key has <c>read</c> (its own rate limit, its own
/// description at <c>/keys/current</c>); <c>write</c> changes single records (a signal's status, a label,
/// an experiment); <c>admin</c> covers the destructive and operational routes (bulk delete, cache
/// invalidation, pipelines, entity merges, label import). A key's scopes are a space-separated list in
/// <c>Api:Keys:n:Scopes</c>; a key that names none gets <see cref="Default"/>, never <c>admin</c>.
/// </summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    /// <summary>The claim a key's scopes travel in, one claim per scope (OAuth's name for it).</summary>
    public const string ClaimType = "scope";

    public const string Default = "read write";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { Read, Write, Admin };

    public static string PolicyName(string scope) => $"{ClaimType}:{scope}";

    /// <summary>The scopes a configured value grants, <c>read</c> always among them; blank means <see cref="Default"/>.</summary>
    public static IReadOnlyList<string> Parse(string? configured) =>
        (string.IsNullOrWhiteSpace(configured) ? Default : configured)
            .Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(scope => scope.ToLowerInvariant())
            .Prepend(Read)
            .Distinct()
            .ToArray();
}

/// <summary>Endpoint metadata: the scope a route needs (read by the 403 answer and the OpenAPI document).</summary>
public sealed record RequiredScope(string Scope);
