using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// <c>--publisher staging --output-path &lt;dir&gt;</c> writes the staging bundle from the application
/// model instead of running it. Nothing starts: the model is built, read and written out.
/// Any other invocation runs the application as before.
/// </summary>
public static class StagingPublishing
{
    public const string PublisherName = "staging";

    public static void RunOrPublishStaging(this DistributedApplication app)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        if (!string.Equals(configuration["Publishing:Publisher"], PublisherName, StringComparison.OrdinalIgnoreCase))
        {
            app.Run();
            return;
        }

        var outputPath = configuration["Pipeline:OutputPath"]
            ?? throw new DistributedApplicationException("--publisher staging needs --output-path <directory>.");
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var executionContext = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var staging = StagingModel.ReadAsync(model, executionContext, CancellationToken.None).GetAwaiter().GetResult();
        var environment = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>();
        // `dotnet run` starts the AppHost in its project directory: a relative path means the repository's.
        var repositoryRoot = RepositoryRoot(environment.ContentRootPath);
        StagingBundle.Write(staging, Path.GetFullPath(outputPath, repositoryRoot), repositoryRoot);
    }

    // The AppHost's content root is its project directory; the repository holds the solution file.
    private static string RepositoryRoot(string start)
    {
        for (var directory = start; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "SignalHarvester.sln")))
            {
                return directory;
            }
        }

        throw new DistributedApplicationException($"No SignalHarvester.sln above {start}.");
    }
}
