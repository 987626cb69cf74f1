using Hangfire;
using SignalHarvester.Worker.Jobs;

namespace SignalHarvester.Worker.Extensions;

internal static class JobDashboardExtensions
{
    public const string Path = "/hangfire";

    /// <summary>The Hangfire dashboard: jobs, retries, recurring schedules; protected outside Development.</summary>
    public static WebApplication MapJobDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new DashboardAuthorization(app.Environment, app.Configuration, TimeProvider.System)],
            DashboardTitle = "SignalHarvester jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
