using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class ArtifactReferenceExtractorTests
{
    private static ArtifactReference Arxiv(string id) => new(ArtifactReferenceKind.Arxiv, id);

    private static ArtifactReference Doi(string doi) => new(ArtifactReferenceKind.Doi, doi);

    private static ArtifactReference Repo(string name) => new(ArtifactReferenceKind.GitHubRepository, name);

    [Theory]
    [InlineData("the fix from arXiv:2511.14902); enable it", "2511.14902")]
    [InlineData("Paper: arXiv 2511.14751", "2511.14751")]
    [InlineData("https://arxiv.org/abs/2511.14902v3", "2511.14902")]
    [InlineData("PDF at http://export.arxiv.org/pdf/2511.14902v2.pdf.", "2511.14902")]
    [InlineData("cite as doi:10.48550/arXiv.2511.14902", "2511.14902")]
    [InlineData("an old one: arXiv:1412.6980", "1412.6980")]
    [InlineData("ARXIV:0704.0001 was the first", "0704.0001")]
    public void New_style_arxiv_ids_are_found_without_their_version(string text, string id) =>
        Assert.Equal([Arxiv(id)], ArtifactReferenceExtractor.Extract(text));

    [Theory]
    [InlineData("version 2511.14902 of the tool")] // no arXiv marker: a number, not a paper
    [InlineData("arXiv:2513.14902")] // month 13
    [InlineData("arXiv:2511.1490")] // four digits after 2015
    [InlineData("arXiv:1412.69801")] // five digits before 2015
    [InlineData("arXiv:0703.0001")] // before new-style ids existed
    [InlineData("arXiv:2511.149021")] // longer number
    public void Things_that_only_look_like_new_style_ids_are_not(string text) =>
        Assert.Empty(ArtifactReferenceExtractor.Extract(text));

    [Theory]
    [InlineData("see hep-th/9901001v2 and", "hep-th/9901001")]
    [InlineData("http://arxiv.org/abs/quant-ph/0101001", "quant-ph/0101001")]
    [InlineData("arXiv:math.GT/0309136", "math/0309136")]
    [InlineData("(cond-mat/0410550)", "cond-mat/0410550")]
    public void Old_style_arxiv_ids_are_found_without_subject_class_or_version(string text, string id) =>
        Assert.Equal([Arxiv(id)], ArtifactReferenceExtractor.Extract(text));

    [Theory]
    [InlineData("physics/99010011")] // eight digits
    [InlineData("graphics/9901001")] // not an archive ("cs" inside a word)
    public void Old_style_lookalikes_are_not_ids(string text) => Assert.Empty(ArtifactReferenceExtractor.Extract(text));

    [Theory]
    [InlineData("https://doi.org/10.1103/PhysRevX.15.041022", "10.1103/physrevx.15.041022")]
    [InlineData("Published (doi:10.1126/science.adr4431).", "10.1126/science.adr4431")]
    [InlineData("DOI 10.1002/(SICI)1097-4571(199806)49:8<693::AID>", "10.1002/(sici)1097-4571(199806)49:8")]
    [InlineData("see 10.1145/3292500.3330701, then", "10.1145/3292500.3330701")]
    public void Dois_are_found_lower_cased_without_trailing_punctuation(string text, string doi) =>
        Assert.Equal([Doi(doi)], ArtifactReferenceExtractor.Extract(text));

    [Theory]
    [InlineData("Code: https://github.com/Tessellate-Labs/latent-atlas", "tessellate-labs/latent-atlas")]
    [InlineData("(https://github.com/halcyon-ai/sparse-mixer).", "halcyon-ai/sparse-mixer")]
    [InlineData("git clone https://github.com/northbridge-nlp/tokenwise.git", "northbridge-nlp/tokenwise")]
    [InlineData("https://www.github.com/kestrel-quantum/qubit-forge/tree/main/docs", "kestrel-quantum/qubit-forge")]
    [InlineData("see github.com/polaris-ml/polaris/releases/tag/v3.2.0", "polaris-ml/polaris")]
    [InlineData("the truncated link github.com/orrery-labs/notebook-be...", "orrery-labs/notebook-be")]
    public void GitHub_repository_urls_give_owner_and_name(string text, string name) =>
        Assert.Equal([Repo(name)], ArtifactReferenceExtractor.Extract(text));

    [Theory]
    [InlineData("https://github.com/orgs/halcyon-ai/people")]
    [InlineData("https://github.com/topics/quantum")]
    [InlineData("https://github.com/halcyon-ai")]
    [InlineData("https://gist.github.com/someone/abc123")]
    [InlineData("https://api.github.com/repos/a/b")]
    [InlineData("https://notgithub.com/a/b")]
    [InlineData("github.com/owner.with.dots/b")] // owner names have no dots
    public void GitHub_urls_that_are_not_repositories_are_ignored(string text) =>
        Assert.Empty(ArtifactReferenceExtractor.Extract(text));

    [Fact]
    public void Several_references_come_back_once_each_in_order_of_appearance()
    {
        var text = """
            Speculative decoding (https://github.com/halcyon-ai/fluxserve) from arXiv:2511.14827v2; see also
            https://arxiv.org/abs/2511.14827 and doi.org/10.1103/PhysRevX.15.041022 — code mirrored at
            https://github.com/Halcyon-AI/FluxServe.
            """;

        Assert.Equal(
            [Repo("halcyon-ai/fluxserve"), Arxiv("2511.14827"), Doi("10.1103/physrevx.15.041022")],
            ArtifactReferenceExtractor.Extract(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("No links here, just 3.14 and v2.7.0.")]
    public void Nothing_is_found_in_plain_text(string? text) => Assert.Empty(ArtifactReferenceExtractor.Extract(text));

    [Fact]
    public void Identifiers_are_more_certain_than_urls()
    {
        Assert.Equal(0.95, Arxiv("2511.14902").Confidence);
        Assert.Equal(0.95, Doi("10.1/x").Confidence);
        Assert.Equal(0.90, Repo("a/b").Confidence);
        Assert.Equal(RelationshipDetectionMethods.ArxivId, Arxiv("2511.14902").DetectionMethod);
        Assert.Equal(RelationshipDetectionMethods.Doi, Doi("10.1/x").DetectionMethod);
        Assert.Equal(RelationshipDetectionMethods.GitHubUrl, Repo("a/b").DetectionMethod);
    }
}
