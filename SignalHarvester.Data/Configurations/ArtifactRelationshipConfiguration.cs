using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class ArtifactRelationshipConfiguration : IEntityTypeConfiguration<ArtifactRelationship>
{
    public void Configure(EntityTypeBuilder<ArtifactRelationship> builder)
    {
        builder.ToTable("artifact_relationships", t =>
        {
            t.HasCheckConstraint("ck_artifact_relationships_not_self", "source_artifact_id <> target_artifact_id");
            t.HasCheckConstraint("ck_artifact_relationships_confidence", "confidence BETWEEN 0 AND 1");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RelationshipType).HasMaxLength(32);
        builder.Property(r => r.DetectionMethod).HasMaxLength(64);
        builder.Property(r => r.Metadata).HasColumnType("jsonb");

        // A link means nothing once either end is gone.
        builder.HasOne<Artifact>().WithMany().HasForeignKey(r => r.SourceArtifactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Artifact>().WithMany().HasForeignKey(r => r.TargetArtifactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.SourceArtifactId, r.TargetArtifactId, r.RelationshipType })
            .IsUnique()
            .HasDatabaseName("ix_artifact_relationships_source_target_type");
        // Incoming links (who cites this artifact) for the citation graph.
        builder.HasIndex(r => r.TargetArtifactId);
    }
}
