using Microsoft.Extensions.Configuration;
using SignalHarvester.Domain.Signals;
using SignalHarvester.Domain.Sources;
using SignalHarvester.Hosting.Publishing;

namespace SignalHarvester.AppHost.Extensions;

/// <summary>
/// Which sources the worker reads live: the developer's stack runs every source on its bundled
/// sample unless told otherwise (<c>--Sources:Mode=live</c>, or a source's own <c>Mode</c> key); a
/// deployment runs every source live, each mode, the LLM and the X queries being documented
/// variables of the bundle. A live source without its credential is off, never a sample.
/// </summary>
internal static class SourceModeExtensions
{
    /// <summary>The developer's default: everything works with no credentials and no network.</summary>
    public const string LocalDefault = "sample";

    // Parameter → the worker's key, for each source's mode in a deployment.
    private static readonly (string Parameter, string Key, string Source)[] Modes =
    [
        ("x-mode", "Harvest:X:Mode", "X recent search (live needs X_BEARER_TOKEN; without it the source is off)"),
        ("arxiv-mode", "Discovery:Sources:Arxiv:Mode", "arXiv's public export API"),
        ("github-mode", "Discovery:Sources:GitHub:Mode", "GitHub's public search (GITHUB_TOKEN raises its rate limit)"),
        ("hackernews-mode", "Discovery:Sources:HackerNews:Mode", "Hacker News' public API"),
        ("llm-mode", "Llm:Mode", "the LLM classifier (live needs LLM_API_KEY; without it the keyword heuristic classifies)"),
        ("slack-mode", "Harvest:Slack:Mode", "Slack notifications (live needs SLACK_WEBHOOK_URL; without it nothing is sent)"),
    ];

    private static readonly (string Parameter, string Key, string Value, string Description)[] LlmSettings =
    [
        ("llm-provider", "Llm:Provider", LlmProviders.OpenAi, $"The LLM provider: {string.Join(", ", LlmProviders.All)}."),
        ("llm-model", "Llm:Model", "", "The model; empty means the provider's default."),
        ("llm-base-url", "Llm:BaseUrl", "", "The provider's API root; empty means its public endpoint (required for openai-compatible)."),
    ];

    public static IResourceBuilder<ProjectResource> WithSourceModes(this IResourceBuilder<ProjectResource> worker, IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return worker.WithEnvironment(EnvironmentName(SourceModes.DefaultKey), builder.Configuration[SourceModes.DefaultKey] ?? LocalDefault);
        }

        foreach (var (parameter, key, source) in Modes)
        {
            worker.WithEnvironment(EnvironmentName(key), Setting(builder, parameter, SourceMode.Live.Name(),
                $"Mode of {source}: live, off, or sample (bundled sample data or an offline stand-in; only when explicitly asked for)."));
        }

        foreach (var (parameter, key, value, description) in LlmSettings)
        {
            worker.WithEnvironment(EnvironmentName(key), Setting(builder, parameter, value, description));
        }

        // The default queries, each a variable: an empty value stops that query.
        for (var i = 0; i < DefaultXQueries.All.Count; i++)
        {
            var query = DefaultXQueries.All[i];
            worker.WithEnvironment(EnvironmentName($"Harvest:Queries:{i}:Name"), query.Name)
                .WithEnvironment(EnvironmentName($"Harvest:Queries:{i}:Query"), Setting(builder, $"x-query-{query.Name}", query.Query,
                    $"The X recent-search query named '{query.Name}' (X query syntax); empty stops it."));
        }

        return worker;
    }

    private static IResourceBuilder<ParameterResource> Setting(IDistributedApplicationBuilder builder, string name, string value, string description) =>
        builder.AddParameter(name, new PublishedSettingDefault(value), secret: false).WithDescription(description);

    private static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
