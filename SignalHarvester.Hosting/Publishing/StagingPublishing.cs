using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SignalHarvester.Hosting.Publishing.Kubernetes;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// <c>--publisher staging --output-path &lt;dir&gt;</c> writes the staging (compose) bundle and
/// <c>--publisher kubernetes --output-path &lt;dir&gt;</c> the Kubernetes one from the application
/// model instead of running it. Nothing starts: the model is built, read and written out.
/// Any other invocation runs the application as before.
/// </summary>
public static class StagingPublishing
{
    public const string PublisherName = "staging";

    public static void RunOrPublish(this DistributedApplication app)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var publisher = configuration["Publishing:Publisher"];
        var kubernetes = string.Equals(publisher, KubernetesBundle.PublisherName, StringComparison.OrdinalIgnoreCase);
        if (!kubernetes && !string.Equals(publisher, PublisherName, StringComparison.OrdinalIgnoreCase))
        {
            app.Run();
            return;
        }

        var outputPath = configuration["Pipeline:OutputPath"]
            ?? throw new DistributedApplicationException($"--publisher {publisher} needs --output-path <directory>.");
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var executionContext = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var staging = StagingModel.ReadAsync(model, executionContext, CancellationToken.None).GetAwaiter().GetResult();
        var environment = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>();
        // `dotnet run` starts the AppHost in its project directory: a relative path means the repository's.
        var repositoryRoot = RepositoryRoot(environment.ContentRootPath);
        if (kubernetes)
        {
            KubernetesBundle.Write(staging, Path.GetFullPath(outputPath, repositoryRoot));
            return;
        }

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
