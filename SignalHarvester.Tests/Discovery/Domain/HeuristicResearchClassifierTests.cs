using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Tests.Discovery.Domain;

public class HeuristicResearchClassifierTests
{
    private readonly HeuristicResearchClassifier _classifier = new();

    private static ResearchText Arxiv(string title, string text, string[] labels, string[]? authors = null, string[]? affiliations = null) =>
        new("arxiv", "paper", title, text, authors ?? [], affiliations ?? [], labels);

    private static ResearchText Story(string title, string? text = null, string source = "hackernews", string type = "story", string[]? authors = null) =>
        new(source, type, title, text, authors ?? ["pg_reader"], [], []);

    private static readonly ResearchText RlPaper = Arxiv(
        "Conservative Value Estimates for Sample-Efficient Offline Reinforcement Learning",
        "We study offline reinforcement learning from fixed datasets. We propose a conservative critic for actor-critic "
        + "methods and prove a sample complexity bound. Experiments on D4RL show consistent gains over prior neural network baselines.",
        ["cs.LG", "cs.AI"],
        ["María García", "Wei Zhang"],
        ["Stanford University", "Google DeepMind"]);

    private static readonly ResearchText QuantumBreakthrough = Arxiv(
        "First demonstration of below-threshold surface code error correction on a superconducting processor",
        "We report the first demonstration of a logical qubit whose error rate falls as the surface code grows, on a "
        + "72-qubit superconducting processor. Logical error per cycle improves on the state-of-the-art by a wide margin.",
        ["quant-ph"],
        ["A. Researcher"],
        ["Google Quantum AI"]);

    private static readonly ResearchText GitHubRelease = new(
        "github", "release",
        "acme-labs/fastattn v2.0.0: Long-context kernels",
        "FlashAttention-style kernels for long-context LLM inference. Adds paged KV cache and FP8 support.",
        ["jdoe"], [], ["llm", "cuda"]);

    private static readonly ResearchText GitHubRepo = new(
        "github", "repo",
        "quantumlab/qec-sim",
        "Fast stabilizer simulator for quantum error correction research.",
        ["quantumlab"], [], ["quantum-error-correction", "qiskit"]);

    private static void AssertWellFormed(ResearchClassification result)
    {
        Assert.Contains(result.Category, ResearchCategories.All);
        Assert.InRange(result.Urgency, ResearchClassification.MinUrgency, ResearchClassification.MaxUrgency);
        Assert.InRange(result.Topics.Count, ResearchClassification.MinTopics, ResearchClassification.MaxTopics);
        Assert.All(result.Topics, topic => Assert.True(ResearchTaxonomy.IsValid(topic), $"'{topic}' is not a taxonomy path"));
        Assert.True(result.Tags.Count <= ResearchClassification.MaxTags);
        Assert.All(result.Tags, tag => Assert.Equal(tag.ToLowerInvariant(), tag));
        Assert.All(result.Entities, entity => Assert.Contains(entity.Type, EntityTypes.All));
        Assert.InRange(result.Reasoning.Length, 1, ResearchClassification.MaxReasoningLength);
        Assert.Equal("heuristic", result.ClassifiedBy);
        Assert.False(result.Fallback);
    }

    [Fact]
    public void An_arxiv_paper_is_a_preprint_refined_to_the_most_specific_topic()
    {
        var result = _classifier.Classify(RlPaper);

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.Preprint, result.Category);
        Assert.Equal(0, result.Urgency);
        Assert.Equal("ai/ml/rl", result.Topics[0]);
        Assert.DoesNotContain("ai/ml", result.Topics); // folded into its child
        Assert.Equal(["cs.lg", "cs.ai"], result.Tags.Take(2));
        Assert.Contains("reinforcement-learning", result.Tags);
    }

    [Fact]
    public void Paper_authors_are_people_with_the_first_affiliation_and_affiliations_are_labs_or_orgs()
    {
        var entities = _classifier.Classify(RlPaper).Entities;

        Assert.Equal(
            [
                new EntityMention("María García", EntityTypes.Person, "Stanford University"),
                new EntityMention("Wei Zhang", EntityTypes.Person, "Stanford University"),
                new EntityMention("Stanford University", EntityTypes.Org, null),
                new EntityMention("Google DeepMind", EntityTypes.Lab, null),
            ],
            entities);
    }

    [Fact]
    public void A_paper_with_breakthrough_words_is_a_breakthrough()
    {
        var result = _classifier.Classify(QuantumBreakthrough);

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.Breakthrough, result.Category);
        Assert.Equal(3, result.Urgency); // breakthrough 2, +1 for two breakthrough phrases
        Assert.Contains("quantum/error-correction", result.Topics);
        Assert.Contains("quantum/hardware", result.Topics);
        Assert.DoesNotContain("quantum", result.Topics);
        Assert.Contains(new EntityMention("Google Quantum AI", EntityTypes.Lab, null), result.Entities);
        Assert.Contains("first-demonstration", result.Reasoning);
    }

    [Fact]
    public void A_github_release_is_an_open_source_release_owned_by_an_org()
    {
        var result = _classifier.Classify(GitHubRelease);

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.OpenSourceRelease, result.Category);
        Assert.Equal(1, result.Urgency);
        Assert.Equal("ai/nlp/llm", result.Topics[0]);
        Assert.Equal(
            [new EntityMention("acme-labs", EntityTypes.Org, null), new EntityMention("jdoe", EntityTypes.Person, null)],
            result.Entities);
        Assert.Equal(["llm", "cuda"], result.Tags.Take(2));
    }

    [Fact]
    public void A_github_repo_owner_from_the_title_and_the_author_list_is_one_org()
    {
        var result = _classifier.Classify(GitHubRepo);

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.OpenSourceRelease, result.Category);
        Assert.Equal(["quantum/error-correction"], result.Topics);
        Assert.Equal([new EntityMention("quantumlab", EntityTypes.Org, null)], result.Entities);
    }

    [Fact]
    public void A_funding_story_is_funding()
    {
        var result = _classifier.Classify(Story(
            "Qubitly raises $50M Series B to build trapped-ion quantum computers",
            "The round was led by Example Ventures; the funding pays for a second fab."));

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.FundingGrant, result.Category);
        Assert.Equal(1, result.Urgency);
        Assert.Equal("quantum/hardware", result.Topics[0]);
        Assert.Equal([new EntityMention("pg_reader", EntityTypes.Person, null)], result.Entities);
    }

    [Fact]
    public void A_call_for_papers_is_a_conference_and_its_deadline_raises_urgency()
    {
        var result = _classifier.Classify(Story(
            "NeurIPS 2025 Workshop on Mechanistic Interpretability: call for papers",
            "Submission deadline is September 1. We welcome work on circuits, probing and alignment."));

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.ConferenceWorkshop, result.Category);
        Assert.Equal(1, result.Urgency);
        Assert.Equal(["ai/safety"], result.Topics);
    }

    [Fact]
    public void A_lab_announcement_is_a_lab_milestone()
    {
        var result = _classifier.Classify(Story(
            "Acme Robotics Lab",
            "We're excited to announce a major milestone: our humanoid robot walked 10 km outdoors without a fall.",
            source: "x", type: "post", authors: ["acmerobotics"]));

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.LabMilestone, result.Category);
        Assert.Equal(1, result.Urgency);
        Assert.Equal(["ai/robotics"], result.Topics);
    }

    [Fact]
    public void A_show_hn_open_source_project_is_an_open_source_release_and_its_github_owner_an_org()
    {
        var result = _classifier.Classify(Story(
            "Show HN: An open-source vector database written in Rust",
            "Code: https://github.com/vecty/vecty-db (Apache 2.0)."));

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.OpenSourceRelease, result.Category);
        Assert.Equal(["systems/databases"], result.Topics);
        Assert.Contains(new EntityMention("vecty", EntityTypes.Org, null), result.Entities);
    }

    [Fact]
    public void A_story_about_a_paper_is_a_preprint()
    {
        var result = _classifier.Classify(Story("Scaling laws for transformer language models [pdf]", "https://arxiv.org/abs/2001.08361"));

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.Preprint, result.Category);
        Assert.Equal(["ai/nlp/llm"], result.Topics);
    }

    [Fact]
    public void A_story_without_research_words_is_other_with_the_other_topic()
    {
        var result = _classifier.Classify(Story("Ask HN: How do you organize your reading list?"));

        AssertWellFormed(result);
        Assert.Equal(ResearchCategories.Other, result.Category);
        Assert.Equal(0, result.Urgency);
        Assert.Equal([ResearchTaxonomy.Other], result.Topics);
    }

    [Fact]
    public void A_stray_keyword_outside_the_labelled_area_does_not_become_a_topic()
    {
        var result = _classifier.Classify(Arxiv("Cluster-robust training", "We tune neural network training on a database of images.", ["cs.LG"]));

        Assert.Equal(["ai/ml"], result.Topics);
    }

    [Fact]
    public void The_same_artifact_always_gets_the_same_classification()
    {
        foreach (var artifact in new[] { RlPaper, QuantumBreakthrough, GitHubRelease, GitHubRepo })
        {
            var first = _classifier.Classify(artifact);
            var second = new HeuristicResearchClassifier().Classify(artifact);

            Assert.Equal(first.Category, second.Category);
            Assert.Equal(first.Urgency, second.Urgency);
            Assert.Equal(first.Tags, second.Tags);
            Assert.Equal(first.Topics, second.Topics);
            Assert.Equal(first.Entities, second.Entities);
            Assert.Equal(first.Reasoning, second.Reasoning);
        }
    }

    [Fact]
    public void Tags_stop_at_eight_and_reasoning_at_400_characters()
    {
        var labels = Enumerable.Range(1, 12).Select(i => $"topic-{i}").ToArray();
        var authors = Enumerable.Range(1, 40).Select(i => $"Author Number{i}").ToArray();
        var result = _classifier.Classify(new ResearchText("arxiv", "paper", string.Join(' ', Enumerable.Repeat("breakthrough", 3)),
            string.Concat(Enumerable.Repeat("reinforcement learning language model qubit database cryptography protein robot. ", 20)),
            authors, [], labels));

        Assert.Equal(ResearchClassification.MaxTags, result.Tags.Count);
        Assert.True(result.Reasoning.Length <= ResearchClassification.MaxReasoningLength);
        Assert.Equal(ResearchClassification.MaxEntities, result.Entities.Count);
        Assert.InRange(result.Topics.Count, 1, ResearchClassification.MaxTopics);
    }

    [Theory]
    [InlineData("Google DeepMind", "lab")]
    [InlineData("Microsoft Research", "lab")]
    [InlineData("OpenAI", "lab")]
    [InlineData("Mistral AI", "lab")]
    [InlineData("MIT Computer Science and Artificial Intelligence Laboratory", "lab")]
    [InlineData("Max Planck Institute for Intelligent Systems", "lab")]
    [InlineData("Stanford University", "org")]
    [InlineData("University of Hawaii", "org")]
    [InlineData("Massachusetts Institute of Technology", "org")]
    [InlineData("Acme Corp", "org")]
    public void Affiliations_are_typed_by_their_name(string affiliation, string type)
    {
        Assert.Equal(type, HeuristicResearchClassifier.AffiliationType(affiliation));
    }
}
