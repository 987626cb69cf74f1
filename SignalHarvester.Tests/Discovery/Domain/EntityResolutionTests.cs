using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class EntityNamesTests
{
    [Theory]
    [InlineData("Smith, John", "john smith")]
    [InlineData("  JOHN    SMITH ", "john smith")]
    [InlineData("Dr. John Smith", "john smith")]
    [InlineData("Prof. Dr. Jane Doe, PhD", "jane doe")]
    [InlineData("Smith, John, Jr.", "john smith")]
    [InlineData("Smith, Dr. John", "john smith")]
    [InlineData("José García-Márquez", "jose garcia marquez")]
    [InlineData("Müller, Zoë", "zoe muller")]
    [InlineData("Łukasz Kaiser", "lukasz kaiser")]
    [InlineData("Søren Straße", "soren strasse")]
    [InlineData("Jose\u0301 Garci\u0301a", "jose garcia")] // already decomposed
    [InlineData("Seán O'Brien", "sean obrien")]
    [InlineData("J.R.R. Tolkien", "j r r tolkien")]
    [InlineData("OpenAI, Inc.", "openai")]
    [InlineData("", "")]
    [InlineData("  ", "")]
    public void Normalize(string name, string expected)
    {
        Assert.Equal(expected, EntityNames.Normalize(name));
    }

    [Fact]
    public void Variants_cover_initials_and_family_name_first()
    {
        var variants = EntityNames.Variants("Smith, John Ronald");

        Assert.Equal("john ronald smith", variants[0]);
        Assert.Contains("john smith", variants);
        Assert.Contains("j smith", variants);
        Assert.Contains("j r smith", variants);
        Assert.Contains("smith j", variants);
        Assert.Contains("smith john", variants);
        Assert.Equal(variants.Distinct().Count(), variants.Count);
    }

    [Fact]
    public void A_single_name_has_one_variant_and_nothing_has_none()
    {
        Assert.Equal(["deepmind"], EntityNames.Variants("DeepMind"));
        Assert.Empty(EntityNames.Variants(" "));
    }
}

public class EntitySimilarityTests
{
    private readonly EntitySimilarity _similarity = new(new EntityResolutionOptions());

    private static EntityProfile Person(string name, string? affiliation = null, string? domain = null, params string[] accounts) =>
        new(name, EntityTypes.Person, affiliation, domain, accounts);

    [Theory]
    [InlineData("John Smith", "Smith, John", 1.0)]
    [InlineData("José García", "Jose Garcia", 1.0)]
    [InlineData("Dr. John Smith", "john smith", 1.0)]
    [InlineData("J. Smith", "John Smith", 0.8)]
    [InlineData("Smith J", "John Smith", 0.8)]
    [InlineData("Smith, J.", "John Smith", 0.8)]
    [InlineData("John Smith", "John Ronald Smith", 0.8)]
    [InlineData("J. R. Smith", "John Ronald Smith", 0.8)]
    public void Person_names_match_exactly_or_by_initials(string a, string b, double expected)
    {
        Assert.Equal(expected, EntitySimilarity.NameSimilarity(a, b));
        Assert.Equal(expected, EntitySimilarity.NameSimilarity(b, a));
    }

    [Theory]
    [InlineData("Jane Smith", "John Smith")]
    [InlineData("J. Smith", "Jane Doe")]
    [InlineData("J. R. Smith", "John Q. Smith")]
    [InlineData("Smith", "John Smith")]
    public void Different_people_score_low(string a, string b)
    {
        Assert.True(EntitySimilarity.NameSimilarity(a, b) < 0.5);
    }

    [Fact]
    public void A_near_identical_spelling_scores_high_but_not_above_initials()
    {
        var similarity = EntitySimilarity.NameSimilarity("Jon Smith", "John Smith");

        Assert.Equal(0.8, similarity);
        Assert.True(EntitySimilarity.JaroWinkler("jon smith", "john smith") >= EntitySimilarity.NearIdenticalSpelling);
    }

    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.84)]
    [InlineData("DIXON", "DICKSONX", 0.813)]
    [InlineData("abc", "xyz", 0)]
    [InlineData("same", "same", 1)]
    public void Jaro_winkler_matches_the_published_examples(string a, string b, double expected)
    {
        Assert.Equal(expected, EntitySimilarity.JaroWinkler(a, b), 3);
    }

    [Fact]
    public void Lab_and_org_names_match_when_one_contains_the_other()
    {
        Assert.Equal(0.8, EntitySimilarity.NameSimilarity("DeepMind", "Google DeepMind", EntityTypes.Lab));
        Assert.Equal(1.0, EntitySimilarity.NameSimilarity("OpenAI, Inc.", "OpenAI", EntityTypes.Org));
        Assert.True(EntitySimilarity.NameSimilarity("Anthropic", "OpenAI", EntityTypes.Org) < 0.5);
    }

    [Fact]
    public void Initials_and_the_same_affiliation_merge()
    {
        var a = Person("Smith, J.", "Stanford University");
        var b = Person("John Smith", "Stanford University");

        // Domain and accounts are missing, so the weights renormalise over name and affiliation.
        Assert.Equal((0.5 * 0.8 + 0.3 * 1.0) / (0.5 + 0.3), _similarity.Compute(a, b), 12);
        Assert.True(_similarity.ShouldMerge(a, b));
    }

    [Fact]
    public void Initials_at_different_institutions_do_not_merge()
    {
        var a = Person("J. Smith", "Stanford University");
        var b = Person("John Smith", "ETH Zurich");

        Assert.Equal(0.5 * 0.8 / (0.5 + 0.3), _similarity.Compute(a, b), 12);
        Assert.False(_similarity.ShouldMerge(a, b));
    }

    [Fact]
    public void Different_people_at_the_same_institution_do_not_merge()
    {
        var a = Person("Jane Smith", "Stanford University", "stanford.edu");
        var b = Person("John Smith", "Stanford University", "stanford.edu");

        Assert.False(_similarity.ShouldMerge(a, b));
    }

    [Fact]
    public void A_name_alone_decides_when_nothing_else_is_known()
    {
        Assert.Equal(1.0, _similarity.Compute(Person("Zoë Müller"), Person("Muller, Zoe")));
        Assert.True(_similarity.ShouldMerge(Person("Zoë Müller"), Person("Muller, Zoe")));
    }

    [Fact]
    public void Every_field_counts_with_its_weight()
    {
        var a = Person("J. Smith", "Stanford University", "https://cs.stanford.edu/~jsmith", "@jsmith", "github.com/js");
        var b = Person("John Smith", "Stanford", "www.stanford.edu", "https://x.com/other", "https://github.com/js/");

        // name 0.8 (initials), affiliation 0.8 (contained), domain 0.8 (subdomain), accounts 1 (shared github).
        Assert.Equal(0.5 * 0.8 + 0.3 * 0.8 + 0.15 * 0.8 + 0.05 * 1, _similarity.Compute(a, b), 12);
        Assert.True(_similarity.ShouldMerge(a, b));
    }

    [Fact]
    public void People_never_match_labs_or_orgs_but_labs_and_orgs_can_match()
    {
        Assert.Equal(0, _similarity.Compute(Person("DeepMind"), new EntityProfile("DeepMind", EntityTypes.Lab, null, null, [])));
        Assert.Equal(1.0, _similarity.Compute(
            new EntityProfile("DeepMind", EntityTypes.Lab, null, "deepmind.google", []),
            new EntityProfile("DeepMind", EntityTypes.Org, null, "https://deepmind.google/", [])));
    }

    [Fact]
    public void The_threshold_and_weights_are_configurable()
    {
        var a = Person("J. Smith", "Stanford University");
        var b = Person("John Smith", "ETH Zurich");
        var lenient = new EntitySimilarity(new EntityResolutionOptions { MergeThreshold = 0.5 });
        var nameOnly = new EntitySimilarity(new EntityResolutionOptions { AffiliationWeight = 0 });

        Assert.True(lenient.ShouldMerge(a, b));
        Assert.Equal(0.8, nameOnly.Compute(a, b), 12);
        Assert.Throws<ArgumentException>(() => new EntitySimilarity(new EntityResolutionOptions { MergeThreshold = 1.5 }));
    }

    [Fact]
    public void The_static_form_agrees_with_an_instance()
    {
        var a = Person("J. Smith", "Stanford University");
        var b = Person("John Smith", "Stanford University");

        Assert.Equal(_similarity.Compute(a, b), EntitySimilarity.Compute(a, b, new EntityResolutionOptions()));
    }
}
