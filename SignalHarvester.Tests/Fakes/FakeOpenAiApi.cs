using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// A real HTTP server on loopback that speaks OpenAI's chat completions API
/// (<c>POST /v1/chat/completions</c>) with scripted answers. Deliberately free of SignalHarvester
/// types, so integration tests can point a running service at it through <c>Llm__BaseUrl</c>.
/// </summary>
/// <remarks>
/// Each request takes the next scripted answer; once the script is used up, <see cref="Responder"/>
/// (if set) and then <see cref="DefaultAnswer"/> answer.
/// </remarks>
public sealed class FakeOpenAiApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Answer> _script = new();
    private readonly ConcurrentQueue<string> _requestBodies = new();
    private int _requestCount;

    private FakeOpenAiApi(WebApplication app) => _app = app;

    /// <summary>The API root to configure as the OpenAI endpoint, e.g. <c>http://127.0.0.1:5123/v1/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests received on the chat completions endpoint, answered or not.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>The JSON bodies of the requests, in arrival order.</summary>
    public IReadOnlyList<string> RequestBodies => _requestBodies.ToArray();

    /// <summary>Picks an answer from the request body when the script is used up; null passes to <see cref="DefaultAnswer"/>.</summary>
    public Func<string, Answer?>? Responder { get; set; }

    public Answer DefaultAnswer { get; set; } = Answer.Content(
        """{"category":"other","sentiment":"neutral","urgency":0,"tags":[],"reasoning":"Default answer of the fake."}""");

    public static async Task<FakeOpenAiApi> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Create();
        var fake = new FakeOpenAiApi(app);
        app.MapPost("/v1/chat/completions", fake.HandleChatCompletionAsync);
        fake.BaseUrl = new Uri($"{await LoopbackApp.StartAsync(app, cancellationToken)}/v1/");
        return fake;
    }

    /// <summary>Appends answers for the next requests, in order.</summary>
    public void Enqueue(params Answer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    private async Task<IResult> HandleChatCompletionAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        _requestBodies.Enqueue(body);
        var number = Interlocked.Increment(ref _requestCount);

        var answer = _script.TryDequeue(out var scripted) ? scripted : Responder?.Invoke(body) ?? DefaultAnswer;
        return answer switch
        {
            ContentAnswer content => Results.Text(CompletionJson(number, ModelOf(body), content.Text), "application/json"),
            StatusAnswer status => Results.Text(ErrorJson(status), "application/json", statusCode: status.StatusCode),
            _ => throw new InvalidOperationException($"Unknown answer {answer}"),
        };
    }

    private static string ModelOf(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["model"]?.GetValue<string>() ?? "fake-model";
        }
        catch (JsonException)
        {
            return "fake-model";
        }
    }

    /// <summary>The documented <c>chat.completion</c> object with one choice.</summary>
    private static string CompletionJson(int number, string model, string content) => JsonSerializer.Serialize(new
    {
        id = $"chatcmpl-fake-{number}",
        @object = "chat.completion",
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        model,
        system_fingerprint = "fp_fake",
        choices = new[]
        {
            new
            {
                index = 0,
                message = new { role = "assistant", content, refusal = (string?)null },
                logprobs = (object?)null,
                finish_reason = "stop",
            },
        },
        usage = new { prompt_tokens = 100, completion_tokens = 50, total_tokens = 150 },
    });

    private static string ErrorJson(StatusAnswer status) => JsonSerializer.Serialize(new
    {
        error = new { message = status.Message, type = "server_error", param = (string?)null, code = (string?)null },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One scripted reply of the fake.</summary>
    public abstract record Answer
    {
        /// <summary>A 200 whose assistant message is <paramref name="text"/> (valid JSON or not).</summary>
        public static Answer Content(string text) => new ContentAnswer(text);

        /// <summary>A 200 carrying a classification in the shape the classifier asks for.</summary>
        public static Answer Classification(string category, string sentiment, int urgency, string[] tags, string reasoning) =>
            Content(JsonSerializer.Serialize(new { category, sentiment, urgency, tags, reasoning }));

        /// <summary>An HTTP error with OpenAI's error body, e.g. 500 or 429.</summary>
        public static Answer Status(int statusCode, string message = "The fake failed on purpose.") =>
            new StatusAnswer(statusCode, message);
    }

    private sealed record ContentAnswer(string Text) : Answer;

    private sealed record StatusAnswer(int StatusCode, string Message) : Answer;
}
