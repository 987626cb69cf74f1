using System.Text;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// <c>build-images.sh</c>: the .NET SDK's container support (no Dockerfile) builds one image per project.
/// The migrations image is the MigrationService project itself, so every verb's dependencies are in it.
/// </summary>
internal static class BuildImagesScriptWriter
{
    public const string FileName = "build-images.sh";

    public static string Write(StagingModel model)
    {
        var text = new StringBuilder()
            .Append("#!/usr/bin/env bash\n")
            .Append("# Generated from the AppHost's application model (--publisher staging); do not edit.\n")
            .Append("# Builds the signalharvester/* images into the local container engine. Run from anywhere in the repository.\n")
            .Append("set -euo pipefail\n")
            .Append("cd \"$(git rev-parse --show-toplevel)\"\n")
            .Append($"tag=\"${{{StagingModel.TagVariable}:-latest}}\"\n");
        foreach (var service in model.Services.Where(s => s.IsProject))
        {
            text.Append($"dotnet publish {service.ProjectPath} -c Release /t:PublishContainer ")
                .Append($"-p:ContainerRepository={StagingModel.ImagePrefix}{service.Name} -p:ContainerImageTag=\"$tag\"\n");
        }

        return text.ToString();
    }
}
