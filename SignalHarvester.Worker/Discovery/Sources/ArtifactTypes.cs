namespace SignalHarvester.Worker.Discovery.Sources;

/// <summary>The values of <see cref="SourceArtifact.ArtifactType"/> (and of <c>artifacts.artifact_type</c>).</summary>
public static class ArtifactTypes
{
    public const string Paper = "paper";
    public const string Repo = "repo";
    public const string Release = "release";
    public const string Story = "story";
    public const string Post = "post";
}
