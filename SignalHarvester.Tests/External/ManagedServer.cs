using System.Diagnostics;

namespace SignalHarvester.Tests.External;

/// <summary>
/// A server process standing in for a managed service: its port and password, started once it answers, stopped
/// and its directory removed on dispose.
/// </summary>
public abstract class ManagedServer(string directory, Process server, int port, string password) : IAsyncDisposable
{
    public int Port { get; } = port;

    public string Password { get; } = password;

    protected Process Server { get; } = server;

    public async ValueTask DisposeAsync()
    {
        if (!Server.HasExited)
        {
            await StopAsync();
        }

        Server.Dispose();
        Directory.Delete(directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the running server; the directory is removed after.</summary>
    protected virtual async Task StopAsync()
    {
        Server.Kill();
        await Server.WaitForExitAsync();
    }

    /// <summary>
    /// <paramref name="managed"/> once <paramref name="answers"/> succeeds (retried while it throws <typeparamref name="TRefused"/>,
    /// up to <paramref name="timeout"/>); disposed and the reason thrown, with the server's <paramref name="log"/> if it exited.
    /// </summary>
    protected static async Task<T> AnsweringAsync<T, TRefused>(T managed, TimeSpan timeout, Func<Task> answers, Task<string> log)
        where T : ManagedServer
        where TRefused : Exception
    {
        try
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                if (managed.Server.HasExited)
                {
                    throw new InvalidOperationException($"the {typeof(T).Name} stand-in exited ({managed.Server.ExitCode}): {await log}");
                }

                try
                {
                    await answers();
                    return managed;
                }
                catch (TRefused) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            }
        }
        catch
        {
            await managed.DisposeAsync();
            throw;
        }
    }
}
