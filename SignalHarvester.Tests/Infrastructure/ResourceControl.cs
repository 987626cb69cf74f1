using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>The orchestrator's own resource commands, as an operator would use them from the dashboard.</summary>
public static class ResourceControl
{
    /// <summary>The start command for <paramref name="resource"/>, then waits until it is healthy again.</summary>
    public static async Task StartAndWaitHealthyAsync(StackFixture stack, string resource, TimeSpan timeout)
    {
        var started = await stack.App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        Assert.True(started.Success, started.Message);
        await stack.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable)
            .WaitAsync(timeout);
    }
}
