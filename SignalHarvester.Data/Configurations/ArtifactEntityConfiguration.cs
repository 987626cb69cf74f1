using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class ArtifactEntityConfiguration : IEntityTypeConfiguration<ArtifactEntity>
{
    public void Configure(EntityTypeBuilder<ArtifactEntity> builder)
    {
        builder.ToTable("artifact_entities");
        builder.HasKey(l => new { l.ArtifactId, l.EntityId, l.Role });
        builder.Property(l => l.Role).HasMaxLength(16);

        // A link means nothing without either side.
        builder.HasOne<Artifact>().WithMany().HasForeignKey(l => l.ArtifactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Entity).WithMany().HasForeignKey(l => l.EntityId).OnDelete(DeleteBehavior.Cascade);
        // GET /entities/{id}/artifacts.
        builder.HasIndex(l => l.EntityId);
    }
}
