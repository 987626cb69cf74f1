using SignalHarvester.Domain.Signals;

namespace SignalHarvester.Api.Snapshots;

public static class SnapshotFilesExtensions
{
    public static IHostApplicationBuilder AddSnapshotFiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
            new SnapshotFiles(SnapshotLocation.Resolve(services.GetRequiredService<IConfiguration>()[SnapshotLocation.DirectoryKey])));
        return builder;
    }
}
