using SignalHarvester.Hosting.Infrastructure;

namespace SignalHarvester.Tests.Api.Security;

/// <summary>
/// Local mode keeps database and cache files in a state directory: closed to other users, never at a
/// name another user of the shared temp directory could have created first.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalStateDirectoryTests
{
    private const UnixFileMode OthersMayReadOrWrite =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    [Fact]
    public void Each_ephemeral_run_gets_a_fresh_directory_closed_to_other_users()
    {
        var first = LocalStateDirectory.Create(ephemeral: true, configuredPath: null);
        var second = LocalStateDirectory.Create(ephemeral: true, configuredPath: null);
        try
        {
            Assert.NotEqual(first.Path, second.Path);
            foreach (var run in new[] { first, second })
            {
                Assert.Equal(Path.GetFullPath(Path.GetTempPath()), Path.GetDirectoryName(run.Path) + Path.DirectorySeparatorChar);
                Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(run.Path) & OthersMayReadOrWrite);
            }
        }
        finally
        {
            first.RemoveIfEphemeral();
            second.RemoveIfEphemeral();
        }

        Assert.False(Directory.Exists(first.Path));
    }

    [Fact]
    public void A_configured_directory_is_created_closed_and_one_others_may_write_to_is_refused()
    {
        var parent = Directory.CreateTempSubdirectory("state-test-").FullName;
        try
        {
            var fresh = LocalStateDirectory.Create(ephemeral: false, configuredPath: Path.Combine(parent, "fresh"));
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(fresh.Path) & OthersMayReadOrWrite);

            var shared = Directory.CreateDirectory(Path.Combine(parent, "shared")).FullName;
            File.SetUnixFileMode(shared, (UnixFileMode)0b111_111_111);
            var error = Assert.Throws<InvalidOperationException>(() => LocalStateDirectory.Create(ephemeral: false, configuredPath: shared));
            Assert.Contains($"The state directory {shared} is writable by other users", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
