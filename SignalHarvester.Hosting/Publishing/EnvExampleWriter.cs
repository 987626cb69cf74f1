using System.Text;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// <c>.env.staging.example</c>: every variable the compose file references. Secrets are empty, each
/// with the command that generates one; nothing secret is ever generated into the bundle.
/// </summary>
internal static class EnvExampleWriter
{
    public const string FileName = ".env.staging.example";

    // Generated values go verbatim into URLs (HARVEST_URI, CACHE_URI), key=value connection strings and headers.
    private const string RequiredHelp =
        "Required. Generate: openssl rand -hex 24. Hex only: the value goes verbatim into URLs (percent-encode anything else, " +
        "which then breaks the key=value connection strings) and Redis' comma-separated connection string.";

    private const string OptionalHelp =
        "Optional credential: empty turns off what needs it (X harvest, LLM classification, Slack) or runs without it (anonymous GitHub); never sample data.";

    public static string Write(StagingModel model)
    {
        var text = new StringBuilder()
            .Append("# Generated from the AppHost's application model (--publisher staging).\n")
            .Append("# Copy to .env.staging, fill in the empty secrets, and keep that file out of git.\n");
        foreach (var parameter in model.Parameters.Where(p => p.Default is null))
        {
            var help = parameter.Required ? RequiredHelp : OptionalHelp;
            text.Append('\n').Append($"# {parameter.Name} (secret parameter of the AppHost). {help}\n").Append($"{parameter.Variable}=\n");
        }

        // Settings with a default: shown commented out, so the compose file's default applies until one is set here.
        foreach (var parameter in model.Parameters.Where(p => p.Default is not null))
        {
            text.Append('\n').Append($"# {parameter.Description} Default: {(parameter.Default!.Length == 0 ? "empty" : "as below")}.\n")
                .Append($"# {parameter.Variable}={parameter.Default}\n");
        }

        foreach (var variable in StagingVariables.All())
        {
            text.Append('\n').Append($"# {variable.Comment}\n").Append($"{variable.Name}={variable.Default}\n");
        }

        return text.ToString();
    }
}
