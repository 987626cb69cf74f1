using SignalHarvester.Data.Model;

namespace SignalHarvester.Api.Entities;

/// <summary>What a merge (or another decision) did: the recorded decision, or why nothing was done.</summary>
internal abstract record EntityMergeOutcome
{
    public sealed record Recorded(EntityMergeHistory Decision, int MovedArtifactLinks) : EntityMergeOutcome;

    public sealed record NotFound(string Field, long Id) : EntityMergeOutcome;

    public sealed record Conflict(string Title, string Detail) : EntityMergeOutcome;
}
