using SignalHarvester.Domain.Signals;

namespace SignalHarvester.AppHost.Extensions;

/// <summary>
/// The worker writes signal snapshots and the api serves them, so in a container deployment both
/// mount one named volume and point <c>Harvest:Snapshots:Directory</c> into it. Run locally they
/// already share the machine's directory (configured, or the same default).
/// </summary>
internal static class SharedSnapshotsExtensions
{
    public const string VolumeName = "app-home";

    // The volume sits on the image's home directory of the non-root "app" user: a new volume takes
    // the ownership of the directory it is mounted over, so that user can write into it.
    private const string MountPath = "/home/app";

    public static IResourceBuilder<ProjectResource> WithSharedSnapshots(
        this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsPublishMode || !string.IsNullOrWhiteSpace(builder.Configuration[SnapshotLocation.DirectoryKey]))
        {
            return service;
        }

        return service
            .WithAnnotation(new ContainerMountAnnotation(VolumeName, MountPath, ContainerMountType.Volume, isReadOnly: false))
            .WithEnvironment(SnapshotLocation.DirectoryKey.Replace(":", "__", StringComparison.Ordinal), $"{MountPath}/snapshots");
    }
}
