using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace SignalHarvester.Hosting.Launching;

/// <summary>
/// Starts each service from its build output (<c>dotnet bin/…/Service.dll</c>) instead of the orchestrator's default
/// <c>dotnet run --no-build --project …</c>. Both run the same assembly (the AppHost's build has just built it, and
/// <c>--no-build</c> never rebuilds), but <c>dotnet run</c> first evaluates the project with MSBuild: 3–6 s and
/// 1.5 s of CPU per service on a 2-core machine, paid twice on the way to ready (the migrations, then the api and the
/// worker) and again by every test stack. An IDE session (<c>DEBUG_SESSION_PORT</c>) and <c>dotnet watch</c> keep
/// the default, as does a service whose build output is not where the project's conventions put it.
/// </summary>
public static class BuildOutputLaunch
{
    public static IDistributedApplicationBuilder LaunchServicesFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode
            || !string.IsNullOrEmpty(builder.Configuration["DEBUG_SESSION_PORT"])
            || builder.Configuration.GetValue<bool>("DOTNET_WATCH"))
        {
            return builder;
        }

        // The services are built in the AppHost's configuration (Debug under `dotnet run`, the tests' own otherwise).
        var configuration = builder.AppHostAssembly?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        builder.Eventing.Subscribe<BeforeStartEvent>((started, _) =>
        {
            foreach (var service in started.Model.Resources.OfType<ProjectResource>())
            {
                var projectPath = service.GetProjectMetadata().ProjectPath;
                if (configuration is null || BuiltAssembly(projectPath, configuration) is not { } assembly)
                {
                    continue;
                }

                // With a command of its own, the orchestrator adds no `run --project` arguments; the assembly goes
                // before the service's own arguments, in the project's directory as `dotnet run` would start it.
                service.Annotations.Add(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = Path.GetDirectoryName(projectPath)! });
                service.Annotations.Add(new CommandLineArgsCallbackAnnotation(arguments => arguments.Insert(0, assembly)));
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>The one <c>bin/{configuration}/{framework}/{project}.dll</c> the build wrote, or null.</summary>
    private static string? BuiltAssembly(string projectPath, string configuration)
    {
        var output = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration);
        if (!Directory.Exists(output))
        {
            return null;
        }

        var name = Path.GetFileNameWithoutExtension(projectPath) + ".dll";
        var built = Directory.GetDirectories(output).Select(framework => Path.Combine(framework, name)).Where(File.Exists).ToList();
        return built.Count == 1 ? built[0] : null;
    }
}
