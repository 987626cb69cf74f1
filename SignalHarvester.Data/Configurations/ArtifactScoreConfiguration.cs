using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class ArtifactScoreConfiguration : IEntityTypeConfiguration<ArtifactScore>
{
    public void Configure(EntityTypeBuilder<ArtifactScore> builder)
    {
        builder.ToTable("scores", t =>
            t.HasCheckConstraint("ck_scores_discovery_score", "discovery_score BETWEEN 0 AND 100"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ConfigVersion).HasMaxLength(64);

        builder.HasOne(s => s.Artifact).WithOne(a => a.Score)
            .HasForeignKey<ArtifactScore>(s => s.ArtifactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ArtifactId).IsUnique();
        // Discoveries listing: highest score first.
        builder.HasIndex(s => s.DiscoveryScore).IsDescending();
    }
}
