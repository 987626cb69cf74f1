using SignalHarvester.Data.Jobs;

namespace SignalHarvester.Api.Pipelines;

/// <summary>
/// Stand-ins for the worker's job classes, so the API can build Hangfire jobs without referencing the
/// worker (and its pipelines, LLM clients and settings). The API's Hangfire type serializer writes
/// them under the worker's type names (<see cref="PipelineJobContracts"/>); the worker deserialises
/// those names to its real classes. Never invoked here: the API runs no Hangfire server.
/// </summary>
public abstract class PipelineJobStandIn
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("Pipeline jobs run on the worker, not in the API.");
}

public sealed class SignalPipelineJobStandIn : PipelineJobStandIn;

public sealed class DiscoveryPipelineJobStandIn : PipelineJobStandIn;

public sealed class SnapshotExportJobStandIn : PipelineJobStandIn;
