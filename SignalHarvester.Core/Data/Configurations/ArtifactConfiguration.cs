using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Core.Data.Entities;

namespace SignalHarvester.Core.Data.Configurations;

internal sealed class ArtifactConfiguration : IEntityTypeConfiguration<Artifact>
{
    public void Configure(EntityTypeBuilder<Artifact> builder)
    {
        builder.ToTable("artifacts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Source).HasMaxLength(32);
        builder.Property(a => a.SourceId).HasMaxLength(200);
        builder.Property(a => a.ArtifactType).HasMaxLength(32);
        builder.Property(a => a.Title).HasMaxLength(1000);
        builder.Property(a => a.Url).HasMaxLength(2048);
        builder.Property(a => a.Authors).HasColumnType("jsonb");
        builder.Property(a => a.Embedding).HasColumnType("real[]");
        builder.Property(a => a.Raw).HasColumnType("jsonb");

        builder.HasIndex(a => new { a.Source, a.SourceId }).IsUnique();
        builder.HasIndex(a => a.PublishedAt);
    }
}
