using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class DiscoveryLabelConfiguration : IEntityTypeConfiguration<DiscoveryLabel>
{
    public void Configure(EntityTypeBuilder<DiscoveryLabel> builder)
    {
        builder.ToTable("discovery_labels", t =>
            t.HasCheckConstraint("ck_discovery_labels_label", "label <> ''"));
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Label).HasMaxLength(32);
        builder.Property(l => l.Annotator).HasMaxLength(100);

        builder.HasOne<Artifact>().WithOne().HasForeignKey<DiscoveryLabel>(l => l.ArtifactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.ArtifactId).IsUnique();
    }
}
