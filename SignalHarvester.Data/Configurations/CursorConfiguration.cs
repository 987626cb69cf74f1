using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Sources;

namespace SignalHarvester.Data.Configurations;

internal sealed class CursorConfiguration : IEntityTypeConfiguration<Cursor>
{
    public void Configure(EntityTypeBuilder<Cursor> builder)
    {
        builder.ToTable("cursors", t => t.HasCheckConstraint("ck_cursors_origin", "origin IN ('live', 'sample')"));
        builder.HasKey(c => new { c.QueryName, c.Origin });
        builder.Property(c => c.Origin).HasMaxLength(16).HasDefaultValue(DataOrigin.Live);
        builder.Property(c => c.QueryName).HasMaxLength(100).ValueGeneratedNever();
        builder.Property(c => c.SinceId).HasMaxLength(32);
        builder.Property(c => c.PendingNewestId).HasMaxLength(32);
        builder.Property(c => c.PaginationToken).HasMaxLength(256);
    }
}
