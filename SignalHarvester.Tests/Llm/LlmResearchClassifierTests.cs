using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Tests.Signals.Domain;
using SignalHarvester.Worker.Llm;
using Answer = SignalHarvester.Tests.Fakes.FakeOpenAiApi.Answer;

namespace SignalHarvester.Tests.Llm;

/// <summary>The LLM research classifier as the services build it, talking HTTP to a fake OpenAI-compatible server.</summary>
public sealed class LlmResearchClassifierTests : IAsyncLifetime
{
    private static readonly ResearchText Paper = new(
        "arxiv", "paper",
        "Below-threshold surface code memory on a superconducting processor",
        "We demonstrate logical error rates that fall as the code distance grows.",
        ["Ada Lovelace", "Alan Turing"], ["Google Quantum AI"], ["quant-ph"]);

    private static readonly Answer Garbage = Answer.Content("Sure! This looks like an important quantum paper.");

    private FakeOpenAiApi _fake = null!;
    private readonly CapturingLoggerProvider _logs = new();

    public async Task InitializeAsync() => _fake = await FakeOpenAiApi.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static Answer Research(
        string category = "Breakthrough",
        int urgency = 3,
        string[]? tags = null,
        string[]? topics = null,
        object[]? entities = null,
        string reasoning = "Below-threshold error correction is a milestone for fault tolerance.") =>
        Answer.Content(JsonSerializer.Serialize(new
        {
            category,
            urgency,
            tags = tags ?? ["qec", "surface-code"],
            topics = topics ?? ["quantum/error-correction", "quantum/hardware"],
            entities = entities ?? [new { name = "Ada Lovelace", type = "person", affiliation = "Google Quantum AI" }, new { name = "Google Quantum AI", type = "lab", affiliation = (string?)null }],
            reasoning,
        }));

    private IHost BuildHost(Dictionary<string, string?>? overrides = null, bool withSignals = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai-compatible",
            ["Llm:BaseUrl"] = _fake.BaseUrl.ToString(),
            ["Llm:ApiKey"] = "test-key",
            ["Llm:Model"] = "fake-model",
            ["Llm:TimeoutSeconds"] = "10",
            ["Llm:RetryDelayMilliseconds"] = "0",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(_logs);
        if (withSignals)
        {
            builder.AddSignalClassification();
        }

        builder.AddResearchClassification();
        return builder.Build();
    }

    private async Task<ResearchClassification> ClassifyAsync(Dictionary<string, string?>? overrides = null)
    {
        using var host = BuildHost(overrides);
        var classifier = host.Services.GetRequiredService<IResearchClassifier>();
        return await classifier.ClassifyAsync(Paper, CancellationToken.None);
    }

    private static void AssertIsHeuristicFallback(ResearchClassification result)
    {
        var heuristic = new HeuristicResearchClassifier().Classify(Paper);
        Assert.True(result.Fallback);
        Assert.Equal("heuristic", result.ClassifiedBy);
        Assert.Equal(heuristic.Category, result.Category);
        Assert.Equal(heuristic.Urgency, result.Urgency);
        Assert.Equal(heuristic.Topics, result.Topics);
        Assert.Equal(heuristic.Entities, result.Entities);
    }

    [Fact]
    public async Task A_valid_answer_is_used()
    {
        _fake.Enqueue(Research());

        var result = await ClassifyAsync();

        Assert.Equal(ResearchCategories.Breakthrough, result.Category);
        Assert.Equal(3, result.Urgency);
        Assert.Equal(["qec", "surface-code"], result.Tags);
        Assert.Equal(["quantum/error-correction", "quantum/hardware"], result.Topics);
        Assert.Equal(
            [new EntityMention("Ada Lovelace", "person", "Google Quantum AI"), new EntityMention("Google Quantum AI", "lab", null)],
            result.Entities);
        Assert.Equal("Below-threshold error correction is a milestone for fault tolerance.", result.Reasoning);
        Assert.Equal("openai-compatible", result.ClassifiedBy);
        Assert.False(result.Fallback);
        Assert.Equal(1, _fake.RequestCount);
    }

    [Fact]
    public async Task The_request_asks_for_json_about_the_artifact_and_lists_the_contract()
    {
        _fake.Enqueue(Research());

        await ClassifyAsync();

        var request = JsonNode.Parse(Assert.Single(_fake.RequestBodies))!;
        Assert.Equal("fake-model", request["model"]!.GetValue<string>());
        Assert.Equal("json_object", request["response_format"]!["type"]!.GetValue<string>());
        var messages = request["messages"]!.AsArray();
        var system = messages[0]!["content"]!.ToJsonString();
        Assert.Contains("Open-Source Release", system);
        Assert.Contains("quantum/error-correction", system);
        Assert.Contains(Paper.Title, messages[^1]!["content"]!.ToJsonString());
    }

    [Fact]
    public async Task Three_garbage_answers_fall_back_to_the_heuristic()
    {
        _fake.DefaultAnswer = Garbage;

        var result = await ClassifyAsync();

        Assert.Equal(3, _fake.RequestCount);
        AssertIsHeuristicFallback(result);
        var warning = Assert.Single(_logs.Entries,
            entry => entry.Level == LogLevel.Warning && entry.Category == typeof(LlmResearchClassifier).FullName);
        Assert.Contains("the answer contains no JSON object", warning.Message);
    }

    [Fact]
    public async Task Server_errors_count_as_attempts()
    {
        _fake.DefaultAnswer = Answer.Status(500);

        var result = await ClassifyAsync();

        Assert.Equal(3, _fake.RequestCount);
        AssertIsHeuristicFallback(result);
    }

    [Fact]
    public async Task An_answer_with_only_unknown_topic_paths_is_rejected()
    {
        _fake.Enqueue(Research(topics: ["quantum/teleportation", "physics"]), Research(topics: ["quantum/error-correction"]));

        var result = await ClassifyAsync();

        Assert.Equal(2, _fake.RequestCount);
        Assert.Equal(["quantum/error-correction"], result.Topics);
        Assert.False(result.Fallback);
    }

    [Fact]
    public async Task Unknown_topic_paths_every_time_fall_back_to_the_heuristic()
    {
        _fake.DefaultAnswer = Research(topics: ["quantum/teleportation"]);

        var result = await ClassifyAsync();

        Assert.Equal(3, _fake.RequestCount);
        AssertIsHeuristicFallback(result);
    }

    [Fact]
    public async Task An_invalid_category_then_a_valid_answer_uses_the_valid_one()
    {
        _fake.Enqueue(Research(category: "Blog Post"), Research(category: "preprint", urgency: 0));

        var result = await ClassifyAsync();

        Assert.Equal(2, _fake.RequestCount);
        Assert.Equal(ResearchCategories.Preprint, result.Category);
    }

    [Fact]
    public async Task The_heuristic_answers_when_the_provider_is_heuristic_or_the_key_is_missing()
    {
        var heuristic = await ClassifyAsync(new() { ["Llm:Provider"] = "heuristic" });
        var noKey = await ClassifyAsync(new() { ["Llm:ApiKey"] = null });

        Assert.Equal(0, _fake.RequestCount);
        Assert.False(heuristic.Fallback);
        Assert.Equal("heuristic", heuristic.ClassifiedBy);
        AssertIsHeuristicFallback(noKey);
    }

    [Fact]
    public async Task It_shares_the_llm_configuration_with_the_signal_classifier()
    {
        _fake.Enqueue(Research());
        using var host = BuildHost(withSignals: true);

        Assert.IsType<LlmSignalClassifier>(host.Services.GetRequiredService<ISignalClassifier>());
        var classifier = Assert.IsType<LlmResearchClassifier>(host.Services.GetRequiredService<IResearchClassifier>());
        Assert.Equal("openai-compatible", classifier.Provider);
        Assert.False((await classifier.ClassifyAsync(Paper, CancellationToken.None)).Fallback);
    }

    [Fact]
    public void An_unknown_provider_fails_at_startup()
    {
        using var host = BuildHost(new() { ["Llm:Provider"] = "gemini" });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Start());
        Assert.Contains("Llm:Provider must be one of: heuristic, openai, anthropic, openai-compatible.", failure.Message, StringComparison.Ordinal);
    }
}
