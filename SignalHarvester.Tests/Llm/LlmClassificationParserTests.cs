using SignalHarvester.Domain.Signals;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Tests.Llm;

public class LlmClassificationParserTests
{
    private const string Valid =
        """{"category":"Outage","sentiment":"negative","urgency":4,"tags":["#API","5xx","api"],"reasoning":"Users report 503s."}""";

    [Fact]
    public void Reads_a_valid_answer()
    {
        Assert.True(LlmClassificationParser.TryParse(Valid, "openai", out var result, out var error), error);

        Assert.Equal(SignalCategory.Outage, result.Category);
        Assert.Equal(SignalSentiment.Negative, result.Sentiment);
        Assert.Equal(4, result.Urgency);
        Assert.Equal(["api", "5xx"], result.Tags);
        Assert.Equal("Users report 503s.", result.Reasoning);
        Assert.Equal("openai", result.ClassifiedBy);
        Assert.False(result.Fallback);
    }

    [Fact]
    public void Accepts_an_answer_wrapped_in_a_code_fence()
    {
        Assert.True(LlmClassificationParser.TryParse($"```json\n{Valid}\n```", "anthropic", out _, out var error), error);
    }

    [Fact]
    public void Tags_may_be_missing()
    {
        const string answer = """{"category":"praise","sentiment":"positive","urgency":0,"reasoning":"Thanks."}""";

        Assert.True(LlmClassificationParser.TryParse(answer, "openai", out var result, out _));
        Assert.Empty(result.Tags);
    }

    [Theory]
    [InlineData("I'm sorry, I can't help with that.", "no JSON object")]
    [InlineData("{ not json }", "not valid JSON")]
    [InlineData("""{"category":"incident","sentiment":"negative","urgency":3,"tags":[],"reasoning":"r"}""", "category 'incident'")]
    [InlineData("""{"category":"bug","sentiment":"angry","urgency":3,"tags":[],"reasoning":"r"}""", "sentiment 'angry'")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":6,"tags":[],"reasoning":"r"}""", "urgency 6")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":-1,"tags":[],"reasoning":"r"}""", "urgency -1")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":2.5,"tags":[],"reasoning":"r"}""", "not an integer")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":"3","tags":[],"reasoning":"r"}""", "not an integer")]
    [InlineData("""{"category":"bug","sentiment":"negative","tags":[],"reasoning":"r"}""", "'urgency' is missing")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":3,"tags":"api","reasoning":"r"}""", "not an array")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":3,"tags":["a","b","c","d","e","f","g","h","i"],"reasoning":"r"}""", "9 tags")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":3,"tags":[""],"reasoning":"r"}""", "non-empty string")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":3,"tags":[42],"reasoning":"r"}""", "non-empty string")]
    [InlineData("""{"category":"bug","sentiment":"negative","urgency":3,"tags":[]}""", "'reasoning' is missing")]
    [InlineData("""{"category":null,"sentiment":"negative","urgency":3,"tags":[],"reasoning":"r"}""", "'category' is missing")]
    public void Rejects_answers_outside_the_contract(string answer, string reason)
    {
        Assert.False(LlmClassificationParser.TryParse(answer, "openai", out var result, out var error));
        Assert.Null(result);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Rejects_rather_than_truncates_long_reasoning_and_tags()
    {
        var longReasoning = $$"""{"category":"bug","sentiment":"neutral","urgency":1,"tags":[],"reasoning":"{{new string('r', 401)}}"}""";
        var longTag = $$"""{"category":"bug","sentiment":"neutral","urgency":1,"tags":["{{new string('t', 51)}}"],"reasoning":"r"}""";
        var justFits = $$"""{"category":"bug","sentiment":"neutral","urgency":1,"tags":["{{new string('t', 50)}}"],"reasoning":"{{new string('r', 400)}}"}""";

        Assert.False(LlmClassificationParser.TryParse(longReasoning, "openai", out _, out var reasoningError));
        Assert.Contains("401 characters", reasoningError);
        Assert.False(LlmClassificationParser.TryParse(longTag, "openai", out _, out _));
        Assert.True(LlmClassificationParser.TryParse(justFits, "openai", out var result, out _));
        Assert.Equal(400, result.Reasoning.Length);
    }
}
