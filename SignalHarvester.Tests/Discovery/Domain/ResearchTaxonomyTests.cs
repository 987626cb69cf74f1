using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class ResearchTaxonomyTests
{
    [Fact]
    public void Every_parent_of_a_path_is_a_path()
    {
        foreach (var path in ResearchTaxonomy.Paths)
        {
            for (var parent = ResearchTaxonomy.ParentOf(path); parent is not null; parent = ResearchTaxonomy.ParentOf(parent))
            {
                Assert.True(ResearchTaxonomy.IsValid(parent), $"{path}'s parent {parent} is missing");
            }
        }
    }

    [Theory]
    [InlineData("ai/ml/rl", "ai/ml")]
    [InlineData("ai/ml", "ai")]
    [InlineData("quantum/error-correction", "quantum")]
    [InlineData("ai", null)]
    public void ParentOf_goes_one_level_up(string path, string? parent)
    {
        Assert.Equal(parent, ResearchTaxonomy.ParentOf(path));
    }

    [Theory]
    [InlineData("ai/ml/rl", true)]
    [InlineData("other", true)]
    [InlineData("AI/ML", false)]
    [InlineData("ai/ml/", false)]
    [InlineData("quantum/teleportation", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_accepts_exact_paths_only(string? path, bool valid)
    {
        Assert.Equal(valid, ResearchTaxonomy.IsValid(path));
    }

    [Fact]
    public void TryNormalize_forgives_case_blanks_and_slashes_but_not_unknown_paths()
    {
        Assert.True(ResearchTaxonomy.TryNormalize(" /AI/ML/RL/ ", out var path));
        Assert.Equal("ai/ml/rl", path);
        Assert.False(ResearchTaxonomy.TryNormalize("ai/ml/quantum", out _));
    }

    [Theory]
    [InlineData("cs.LG", "ai/ml")]
    [InlineData("cs.AI", "ai")]
    [InlineData("cs.CL", "ai/nlp")]
    [InlineData("cs.CV", "ai/cv")]
    [InlineData("cs.RO", "ai/robotics")]
    [InlineData("quant-ph", "quantum")]
    [InlineData("cs.CR", "security")]
    [InlineData("cs.DB", "systems/databases")]
    [InlineData("cs.DC", "systems/distributed")]
    [InlineData("stat.ML", "ai/ml")]
    [InlineData("q-bio.BM", "bio/computational")]
    [InlineData("reinforcement-learning", "ai/ml/rl")]
    [InlineData("math.AG", null)]
    public void Labels_map_to_paths(string label, string? path)
    {
        Assert.Equal(path, ResearchTaxonomy.FromLabel(label));
        Assert.True(path is null || ResearchTaxonomy.IsValid(path));
    }

    [Theory]
    [InlineData("cs.LG", "We apply reinforcement learning to chip placement.", "ai/ml/rl")]
    [InlineData("cs.CL", "A large language model for code.", "ai/nlp/llm")]
    [InlineData("quant-ph", "Coherence of transmon qubits in a superconducting circuit.", "quantum/hardware")]
    [InlineData("quant-ph", "Decoding the surface code in real time.", "quantum/error-correction")]
    [InlineData("cs.CR", "A post-quantum signature scheme.", "security/cryptography")]
    public void Keywords_refine_a_label_to_a_child(string label, string text, string expected)
    {
        Assert.Equal(expected, ResearchTaxonomy.TopicsFor([label], text)[0]);
    }

    [Fact]
    public void Without_labels_keywords_choose_the_topics_and_nothing_gives_other()
    {
        Assert.Equal(["ai/cv"], ResearchTaxonomy.TopicsFor([], "Open-vocabulary object detection at 100 fps"));
        Assert.Equal([ResearchTaxonomy.Other], ResearchTaxonomy.TopicsFor([], "A history of typewriters"));
    }

    [Fact]
    public void At_most_three_topics_are_kept()
    {
        var topics = ResearchTaxonomy.TopicsFor(["cs.LG", "quant-ph", "cs.CR", "cs.DB", "cs.RO"], "");

        Assert.Equal(3, topics.Count);
        Assert.All(topics, topic => Assert.True(ResearchTaxonomy.IsValid(topic)));
    }

    [Fact]
    public void Every_path_has_a_display_name()
    {
        Assert.Equal("Reinforcement Learning", ResearchTaxonomy.DisplayName("ai/ml/rl"));
        Assert.Equal("Quantum Error Correction", ResearchTaxonomy.DisplayName("quantum/error-correction"));
        Assert.Equal("Graph Theory", ResearchTaxonomy.DisplayName("math/graph-theory"));
        Assert.All(ResearchTaxonomy.Paths, path => Assert.False(string.IsNullOrWhiteSpace(ResearchTaxonomy.DisplayName(path))));
        Assert.Equal(ResearchTaxonomy.Paths.Count, ResearchTaxonomy.Paths.Select(ResearchTaxonomy.DisplayName).Distinct().Count());
    }
}
