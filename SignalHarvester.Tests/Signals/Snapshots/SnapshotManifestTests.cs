using System.Diagnostics;
using System.Security.Cryptography;

namespace SignalHarvester.Tests.Signals.Snapshots;

public sealed class SnapshotManifestTests : IDisposable
{
    private const string Stamp = "20250314T150926535Z";
    private readonly SnapshotTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_manifest_lists_the_sha256_of_every_file_on_disk_in_sha256sum_format()
    {
        var export = await _directory.Exporter().ExportAsync(SampleSignalRows.Tricky(), SampleSignalRows.TakenAt, CancellationToken.None);

        var manifest = ReadManifest();
        Assert.Equal(
            ["signals-20250314T150926535Z.json.gz", "signals-20250314T150926535Z.ndjson.gz", "signals-20250314T150926535Z.csv.gz", "signals-20250314T150926535Z.diff.json"],
            manifest.Keys);
        foreach (var (fileName, sha256) in manifest)
        {
            Assert.Matches("^[0-9a-f]{64}$", sha256);
            Assert.Equal(Sha256Of(fileName), sha256);
        }

        Assert.All(export.Files, f => Assert.Equal(Sha256Of(Path.GetFileName(f.Path)), f.Sha256));
    }

    [Fact]
    public async Task Sha256sum_verifies_the_manifest()
    {
        var sha256sum = ExecutablePath.Require("sha256sum");
        await _directory.Exporter().ExportAsync(SampleSignalRows.Tricky(), SampleSignalRows.TakenAt, CancellationToken.None);

        var (exitCode, output) = await RunSha256sumCheckAsync(sha256sum);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task Tampering_with_a_file_makes_its_checksum_differ_from_the_manifest()
    {
        await _directory.Exporter().ExportAsync(SampleSignalRows.Tricky(), SampleSignalRows.TakenAt, CancellationToken.None);
        var csv = $"signals-{Stamp}.csv.gz";
        var bytes = await File.ReadAllBytesAsync(_directory.File(csv));
        bytes[^5] ^= 0x01;
        await File.WriteAllBytesAsync(_directory.File(csv), bytes);

        var manifest = ReadManifest();
        Assert.NotEqual(manifest[csv], Sha256Of(csv));
        Assert.Equal(manifest[$"signals-{Stamp}.ndjson.gz"], Sha256Of($"signals-{Stamp}.ndjson.gz"));

        var (exitCode, output) = await RunSha256sumCheckAsync(ExecutablePath.Require("sha256sum"));
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{csv}: FAILED", output);
    }

    private Dictionary<string, string> ReadManifest()
    {
        var text = File.ReadAllText(_directory.File($"signals-{Stamp}.sha256"));
        Assert.EndsWith("\n", text);
        return text.TrimEnd('\n').Split('\n').Select(line => line.Split("  ", 2)).ToDictionary(parts => parts[1], parts => parts[0]);
    }

    private string Sha256Of(string fileName) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_directory.File(fileName))));

    private async Task<(int ExitCode, string Output)> RunSha256sumCheckAsync(string sha256sum)
    {
        var start = new ProcessStartInfo(sha256sum, ["-c", $"signals-{Stamp}.sha256"])
        {
            WorkingDirectory = _directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
