using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class ArtifactClassificationConfiguration : IEntityTypeConfiguration<ArtifactClassification>
{
    public void Configure(EntityTypeBuilder<ArtifactClassification> builder)
    {
        builder.ToTable("artifact_classifications", t =>
            t.HasCheckConstraint("ck_artifact_classifications_urgency", "urgency BETWEEN 0 AND 3"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Category).HasMaxLength(40);
        builder.Property(c => c.Entities).HasColumnType("jsonb");
        builder.Property(c => c.ClassifiedBy).HasMaxLength(32);

        builder.HasOne(c => c.Artifact).WithOne(a => a.Classification)
            .HasForeignKey<ArtifactClassification>(c => c.ArtifactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.ArtifactId).IsUnique();
    }
}
