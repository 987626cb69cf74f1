using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Data.Configurations;

internal sealed class ArtifactConfiguration : IEntityTypeConfiguration<Artifact>
{
    public void Configure(EntityTypeBuilder<Artifact> builder)
    {
        builder.ToTable("artifacts", t => t.HasCheckConstraint("ck_artifacts_origin", "origin IN ('live', 'sample')"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Source).HasMaxLength(32);
        builder.Property(a => a.SourceId).HasMaxLength(200);
        builder.Property(a => a.Origin).HasMaxLength(16).HasDefaultValue(DataOrigin.Live).HasSentinel(null);
        builder.Property(a => a.ArtifactType).HasMaxLength(32);
        builder.Property(a => a.Title).HasMaxLength(1000);
        builder.Property(a => a.Url).HasMaxLength(2048);
        builder.Property(a => a.Authors).HasColumnType("jsonb");
        builder.Property(a => a.Embedding).HasColumnType("real[]");
        builder.Property(a => a.Raw).HasColumnType("jsonb");

        builder.HasIndex(a => new { a.Source, a.SourceId, a.Origin }).IsUnique();
        builder.HasIndex(a => a.PublishedAt);
    }
}
