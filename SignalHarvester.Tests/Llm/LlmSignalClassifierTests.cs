using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Tests.Fakes;
using SignalHarvester.Worker.Llm;
using Answer = SignalHarvester.Tests.Fakes.FakeOpenAiApi.Answer;

namespace SignalHarvester.Tests.Llm;

/// <summary>The LLM classifier as the services build it, talking HTTP to a fake OpenAI-compatible server.</summary>
public sealed class LlmSignalClassifierTests : IAsyncLifetime
{
    private static readonly SignalText Post =
        new("1850000000000000042", "The Acme API is down again, 503 on every request #acme", "ops_jane", 40, 12, 5, 1);

    private static readonly Answer Garbage = Answer.Content("Sure! The post seems to be about an outage.");

    private FakeOpenAiApi _fake = null!;
    private readonly CapturingLoggerProvider _logs = new();

    public async Task InitializeAsync() => _fake = await FakeOpenAiApi.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private IHost BuildHost(Dictionary<string, string?>? overrides = null)
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
        builder.AddSignalClassification();
        return builder.Build();
    }

    private (LogLevel Level, string Category, string Message) SingleFallbackWarning() =>
        Assert.Single(_logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Category == typeof(LlmSignalClassifier).FullName);

    private async Task<SignalClassification> ClassifyAsync(Dictionary<string, string?>? overrides = null)
    {
        using var host = BuildHost(overrides);
        var classifier = host.Services.GetRequiredService<ISignalClassifier>();
        return await classifier.ClassifyAsync(Post, CancellationToken.None);
    }

    [Fact]
    public async Task A_valid_answer_is_used()
    {
        _fake.Enqueue(Answer.Classification("outage", "negative", 4, ["acme", "api", "503"], "The API returns 503 for everyone."));

        var result = await ClassifyAsync();

        Assert.Equal(SignalCategory.Outage, result.Category);
        Assert.Equal(SignalSentiment.Negative, result.Sentiment);
        Assert.Equal(4, result.Urgency);
        Assert.Equal(["acme", "api", "503"], result.Tags);
        Assert.Equal("The API returns 503 for everyone.", result.Reasoning);
        Assert.Equal("openai-compatible", result.ClassifiedBy);
        Assert.False(result.Fallback);
        Assert.Equal(1, _fake.RequestCount);
    }

    [Fact]
    public async Task The_request_asks_for_json_about_the_post()
    {
        await ClassifyAsync();

        var request = JsonNode.Parse(Assert.Single(_fake.RequestBodies))!;
        Assert.Equal("fake-model", request["model"]!.GetValue<string>());
        Assert.Equal("json_object", request["response_format"]!["type"]!.GetValue<string>());
        var messages = request["messages"]!.AsArray();
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.Contains(Post.Text, messages[^1]!["content"]!.ToJsonString().Replace("\\u0022", "\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Three_garbage_answers_fall_back_to_the_heuristic()
    {
        _fake.Enqueue(Garbage, Garbage, Garbage);
        _fake.DefaultAnswer = Garbage;

        var result = await ClassifyAsync();

        Assert.Equal(3, _fake.RequestCount);
        Assert.True(result.Fallback);
        Assert.Equal("heuristic", result.ClassifiedBy);
        Assert.Equal(new HeuristicSignalClassifier().Classify(Post) with { Fallback = true, Tags = [] }, result with { Tags = [] });
        Assert.Contains("invalid answer: the answer contains no JSON object", SingleFallbackWarning().Message);
    }

    [Fact]
    public async Task An_invalid_answer_then_a_valid_one_uses_the_valid_one()
    {
        _fake.Enqueue(
            Answer.Classification("incident", "negative", 4, [], "Unknown category."),
            Answer.Classification("bug", "neutral", 2, ["api"], "A broken endpoint."));

        var result = await ClassifyAsync();

        Assert.Equal(2, _fake.RequestCount);
        Assert.Equal(SignalCategory.Bug, result.Category);
        Assert.False(result.Fallback);
        Assert.Equal("openai-compatible", result.ClassifiedBy);
    }

    [Fact]
    public async Task Server_errors_and_out_of_range_answers_use_up_the_attempts()
    {
        _fake.Enqueue(
            Answer.Status(500),
            Answer.Classification("outage", "negative", 9, [], "Urgency out of range."),
            Answer.Classification("incident", "negative", 3, [], "Unknown category."));
        _fake.DefaultAnswer = Answer.Classification("outage", "negative", 4, [], "Too late to be asked for.");

        var result = await ClassifyAsync();

        Assert.Equal(3, _fake.RequestCount);
        Assert.True(result.Fallback);
        Assert.Contains("category 'incident'", SingleFallbackWarning().Message);
        Assert.DoesNotContain(_logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Category != typeof(LlmSignalClassifier).FullName);
    }

    [Fact]
    public async Task A_server_error_is_retried()
    {
        _fake.Enqueue(Answer.Status(500), Answer.Classification("security", "negative", 5, ["cve"], "An exploited flaw."));

        var result = await ClassifyAsync();

        Assert.Equal(2, _fake.RequestCount);
        Assert.Equal(SignalCategory.Security, result.Category);
        Assert.False(result.Fallback);
    }

    [Fact]
    public async Task Without_an_api_key_the_heuristic_stands_in_as_a_fallback()
    {
        var result = await ClassifyAsync(new() { ["Llm:ApiKey"] = "" });

        Assert.Equal(0, _fake.RequestCount);
        Assert.Equal("heuristic", result.ClassifiedBy);
        Assert.True(result.Fallback);
        Assert.Contains(_logs.Entries, entry => entry.Message.Contains("Llm:ApiKey is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_heuristic_provider_is_no_fallback()
    {
        var result = await ClassifyAsync(new() { ["Llm:Provider"] = "heuristic" });

        Assert.Equal(0, _fake.RequestCount);
        Assert.Equal("heuristic", result.ClassifiedBy);
        Assert.False(result.Fallback);
    }

    [Fact]
    public async Task The_openai_provider_can_be_pointed_at_another_endpoint()
    {
        _fake.Enqueue(Answer.Classification("question", "neutral", 1, [], "Asks about the API."));

        var result = await ClassifyAsync(new() { ["Llm:Provider"] = "OpenAI" });

        Assert.Equal("openai", result.ClassifiedBy);
        Assert.Equal(SignalCategory.Question, result.Category);
    }

    [Fact]
    public void An_unknown_provider_is_a_configuration_error()
    {
        using var host = BuildHost(new() { ["Llm:Provider"] = "gemini" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<ISignalClassifier>());
        Assert.Contains("Llm:Provider must be one of", error.Message);
    }
}
