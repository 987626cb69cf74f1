namespace SignalHarvester.Tests.Api.BulkJobs;

/// <summary>
/// The API's test gate for bulk jobs (<c>Api:BulkJobs:HoldFile</c>): while held, every claimed job stops after the batch
/// it is running (its replica keeps renewing the lease) until the hold is disposed. A fixture passes
/// <see cref="AppHostArgument"/> and deletes the gate with itself; tests of a collection run one at a time, so a hold is
/// the test's own.
/// </summary>
public sealed class BulkJobGate : IDisposable
{
    private readonly string file = Path.Combine(Directory.CreateTempSubdirectory("signalharvester-bulk-hold-").FullName, "hold");

    public string AppHostArgument => $"--Api:BulkJobs:HoldFile={file}";

    public IDisposable Hold()
    {
        File.WriteAllText(file, "held by a test");
        return new Release(file);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);

    private sealed class Release(string file) : IDisposable
    {
        public void Dispose() => File.Delete(file);
    }
}
