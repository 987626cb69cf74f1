using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignalHarvester.Worker.Signals.Snapshots;

namespace SignalHarvester.Tests.Signals.Snapshots;

/// <summary>A fresh temp directory per test, deleted afterwards, with exporter and retention pointed at it.</summary>
public sealed class SnapshotTestDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sh-snapshots-{Guid.NewGuid():N}");

    public SnapshotTestDirectory() => Directory.CreateDirectory(Path);

    public SnapshotOptions Options(Action<SnapshotOptions>? configure = null)
    {
        var options = new SnapshotOptions { Directory = Path };
        configure?.Invoke(options);
        return options;
    }

    public SnapshotExporter Exporter(Action<SnapshotOptions>? configure = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(configure)), NullLogger<SnapshotExporter>.Instance);

    public SnapshotRetention Retention(Action<SnapshotOptions>? configure = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(configure)), NullLogger<SnapshotRetention>.Instance);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public IReadOnlyList<string> FileNames() =>
        [.. Directory.EnumerateFiles(Path).Select(f => System.IO.Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
