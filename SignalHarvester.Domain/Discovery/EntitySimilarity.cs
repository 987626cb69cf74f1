using Microsoft.Extensions.Options;

namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// Weighted similarity of two entity profiles, 0..1:
/// <c>Σ wᵢ·sᵢ / Σ wᵢ</c> over name (0.50), affiliation (0.30), domain (0.15) and accounts (0.05),
/// counting only the fields present (non-blank) on both sides, so a missing field neither helps
/// nor hurts. People are never similar to labs or organisations (0); a lab and an org can be.
/// </summary>
/// <remarks>
/// <para>Name (<see cref="NameSimilarity"/>): equal normalised names 1.0; for people, initials-compatible
/// names 0.8 (same last name, given names equal or one an initial of the other, middle names optional,
/// "Smith J" order allowed); for labs and orgs, one name's words contained in the other's 0.8; else a
/// near-identical spelling (Jaro-Winkler ≥ 0.95) scores its Jaro-Winkler value capped at 0.8, and anything
/// else half the token Jaccard — so "Jane Smith" and "John Smith" at the same institution stay apart.</para>
/// <para>Affiliation: as an org name. Domain: equal 1.0, one a subdomain of the other 0.8, else 0.
/// Accounts: 1.0 when any normalised account is shared, else 0.</para>
/// </remarks>
public sealed class EntitySimilarity
{
    public const double Exact = 1.0;
    public const double Compatible = 0.8;
    public const double NearIdenticalSpelling = 0.95;

    private readonly EntityResolutionOptions _options;

    public EntitySimilarity(EntityResolutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Validate(options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
    }

    public EntitySimilarity(IOptions<EntityResolutionOptions> options) : this(options.Value)
    {
    }

    /// <summary>Null when the options are usable, else what is wrong.</summary>
    public static string? Validate(EntityResolutionOptions options) =>
        new[] { options.NameWeight, options.AffiliationWeight, options.DomainWeight, options.AccountsWeight }.Any(weight => !(weight >= 0))
            ? "Discovery:EntityResolution weights must not be negative."
        : !(options.NameWeight > 0) ? "Discovery:EntityResolution:NameWeight must be positive."
        : options.MergeThreshold is < 0 or > 1 or double.NaN ? "Discovery:EntityResolution:MergeThreshold must be within 0..1."
        : options.ReviewThreshold is < 0 or > 1 or double.NaN ? "Discovery:EntityResolution:ReviewThreshold must be within 0..1."
        : null;

    public double MergeThreshold => _options.MergeThreshold;

    public double Compute(EntityProfile a, EntityProfile b) => Compute(a, b, _options);

    public bool ShouldMerge(EntityProfile a, EntityProfile b) => Compute(a, b) >= _options.MergeThreshold;

    /// <summary>The similarity under <paramref name="options"/>, without building an instance.</summary>
    public static double Compute(EntityProfile a, EntityProfile b, EntityResolutionOptions options) => Explain(a, b, options).Total;

    /// <summary>The similarity and the per-field scores it was weighted from.</summary>
    public EntitySimilarityBreakdown Explain(EntityProfile a, EntityProfile b) => Explain(a, b, _options);

    /// <summary>
    /// The similarity under <paramref name="options"/> and its parts: each field's score 0..1, or null when
    /// the field is missing on either side (and so left out of the weighted mean).
    /// </summary>
    public static EntitySimilarityBreakdown Explain(EntityProfile a, EntityProfile b, EntityResolutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(options);
        if (Validate(options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var typeA = EntityTypes.Normalize(a.Type);
        var typeB = EntityTypes.Normalize(b.Type);
        var nameA = EntityNames.Tokens(a.Name);
        var nameB = EntityNames.Tokens(b.Name);
        if ((typeA == EntityTypes.Person) != (typeB == EntityTypes.Person) || nameA.Count == 0 || nameB.Count == 0)
        {
            return EntitySimilarityBreakdown.Unrelated;
        }

        var isPerson = typeA == EntityTypes.Person;
        var name = isPerson ? PersonNameSimilarity(nameA, nameB) : OrgNameSimilarity(nameA, nameB);
        var weighted = options.NameWeight * name;
        var total = options.NameWeight;

        double? affiliation = null;
        if (!string.IsNullOrWhiteSpace(a.Affiliation) && !string.IsNullOrWhiteSpace(b.Affiliation))
        {
            affiliation = OrgNameSimilarity(EntityNames.Tokens(a.Affiliation), EntityNames.Tokens(b.Affiliation));
            weighted += options.AffiliationWeight * affiliation.Value;
            total += options.AffiliationWeight;
        }

        double? domain = null;
        if (NormalizeDomain(a.Domain) is { } domainA && NormalizeDomain(b.Domain) is { } domainB)
        {
            domain = DomainSimilarity(domainA, domainB);
            weighted += options.DomainWeight * domain.Value;
            total += options.DomainWeight;
        }

        double? accounts = null;
        var accountsA = NormalizeAccounts(a.Accounts);
        var accountsB = NormalizeAccounts(b.Accounts);
        if (accountsA.Count > 0 && accountsB.Count > 0)
        {
            accounts = accountsA.Overlaps(accountsB) ? 1 : 0;
            weighted += options.AccountsWeight * accounts.Value;
            total += options.AccountsWeight;
        }

        return new EntitySimilarityBreakdown(name, affiliation, domain, accounts, Math.Clamp(weighted / total, 0, 1));
    }

    /// <summary>Name similarity for an entity of <paramref name="type"/> ("person" compares initials; labs and orgs compare word containment).</summary>
    public static double NameSimilarity(string a, string b, string type = EntityTypes.Person)
    {
        var tokensA = EntityNames.Tokens(a);
        var tokensB = EntityNames.Tokens(b);
        if (tokensA.Count == 0 || tokensB.Count == 0)
        {
            return 0;
        }

        return EntityTypes.Normalize(type) == EntityTypes.Person
            ? PersonNameSimilarity(tokensA, tokensB)
            : OrgNameSimilarity(tokensA, tokensB);
    }

    private static double PersonNameSimilarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.SequenceEqual(b, StringComparer.Ordinal))
        {
            return Exact;
        }

        // "smith j" (family name first, no comma) is tried as "j smith".
        if (InitialsCompatible(a, b) || InitialsCompatible(RotateLeft(a), b) || InitialsCompatible(a, RotateLeft(b)))
        {
            return Compatible;
        }

        return Fallback(a, b);
    }

    private static double OrgNameSimilarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        if (a.SequenceEqual(b, StringComparer.Ordinal))
        {
            return Exact;
        }

        var setA = a.ToHashSet(StringComparer.Ordinal);
        var setB = b.ToHashSet(StringComparer.Ordinal);
        return setA.IsSubsetOf(setB) || setB.IsSubsetOf(setA) ? Compatible : Fallback(a, b);
    }

    private static double Fallback(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var jaroWinkler = JaroWinkler(string.Join(' ', a), string.Join(' ', b));
        if (jaroWinkler >= NearIdenticalSpelling)
        {
            return Math.Min(Compatible, jaroWinkler);
        }

        var setA = a.ToHashSet(StringComparer.Ordinal);
        var union = setA.Union(b, StringComparer.Ordinal).Count();
        return 0.5 * setA.Intersect(b, StringComparer.Ordinal).Count() / union;
    }

    /// <summary>
    /// Same last token; the first given names equal or one a single-letter initial of the other;
    /// further given names compared pairwise as far as both have them (a missing middle name is fine).
    /// Both names need a given name.
    /// </summary>
    private static bool InitialsCompatible(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count < 2 || b.Count < 2 || a[^1] != b[^1])
        {
            return false;
        }

        var givenA = a.Take(a.Count - 1).ToArray();
        var givenB = b.Take(b.Count - 1).ToArray();
        for (var i = 0; i < Math.Min(givenA.Length, givenB.Length); i++)
        {
            if (!GivenCompatible(givenA[i], givenB[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool GivenCompatible(string x, string y) =>
        x == y || (x.Length == 1 && y.StartsWith(x, StringComparison.Ordinal)) || (y.Length == 1 && x.StartsWith(y, StringComparison.Ordinal));

    private static IReadOnlyList<string> RotateLeft(IReadOnlyList<string> tokens) =>
        tokens.Count < 2 ? tokens : [.. tokens.Skip(1), tokens[0]];

    /// <summary>Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4), 0..1; 1 for two empty strings.</summary>
    public static double JaroWinkler(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var matchedA = new bool[a.Length];
        var matchedB = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!matchedB[j] && a[i] == b[j])
                {
                    matchedA[i] = matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        for (int i = 0, j = 0; i < a.Length; i++)
        {
            if (!matchedA[i])
            {
                continue;
            }

            while (!matchedB[j])
            {
                j++;
            }

            if (a[i] != b[j])
            {
                transpositions++;
            }

            j++;
        }

        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>Lowercase host without scheme, "www.", port, path or trailing dot; the part after '@' of an e-mail address.</summary>
    public static string? NormalizeDomain(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var value = domain.Trim().ToLowerInvariant();
        var at = value.LastIndexOf('@');
        if (at >= 0)
        {
            value = value[(at + 1)..];
        }

        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            value = value[(scheme + 3)..];
        }

        var end = value.IndexOfAny(['/', ':', '?', '#']);
        if (end >= 0)
        {
            value = value[..end];
        }

        value = value.TrimEnd('.');
        if (value.StartsWith("www.", StringComparison.Ordinal))
        {
            value = value[4..];
        }

        return value.Length == 0 ? null : value;
    }

    private static double DomainSimilarity(string a, string b) =>
        a == b ? Exact
        : a.EndsWith("." + b, StringComparison.Ordinal) || b.EndsWith("." + a, StringComparison.Ordinal) ? Compatible
        : 0;

    /// <summary>Lowercase, without scheme, "www.", a leading '@' or a trailing '/'.</summary>
    private static HashSet<string> NormalizeAccounts(IReadOnlyList<string>? accounts)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in accounts ?? [])
        {
            if (string.IsNullOrWhiteSpace(account))
            {
                continue;
            }

            var value = account.Trim().ToLowerInvariant();
            var scheme = value.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                value = value[(scheme + 3)..];
            }

            value = value.TrimEnd('/').TrimStart('@');
            if (value.StartsWith("www.", StringComparison.Ordinal))
            {
                value = value[4..];
            }

            if (value.Length > 0)
            {
                result.Add(value);
            }
        }

        return result;
    }
}
