using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class ArtifactTopicConfiguration : IEntityTypeConfiguration<ArtifactTopic>
{
    public void Configure(EntityTypeBuilder<ArtifactTopic> builder)
    {
        builder.ToTable("artifact_topics", t =>
            t.HasCheckConstraint("ck_artifact_topics_confidence", "confidence BETWEEN 0 AND 1"));
        builder.HasKey(at => new { at.ArtifactId, at.TopicId });

        builder.HasOne(at => at.Artifact).WithMany(a => a.Topics)
            .HasForeignKey(at => at.ArtifactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(at => at.Topic).WithMany(t => t.Artifacts)
            .HasForeignKey(at => at.TopicId).OnDelete(DeleteBehavior.Cascade);
    }
}
