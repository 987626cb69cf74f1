using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Core.Data.Entities;

namespace SignalHarvester.Core.Data.Configurations;

internal sealed class CursorConfiguration : IEntityTypeConfiguration<Cursor>
{
    public void Configure(EntityTypeBuilder<Cursor> builder)
    {
        builder.ToTable("cursors");
        builder.HasKey(c => c.QueryName);
        builder.Property(c => c.QueryName).HasMaxLength(100).ValueGeneratedNever();
        builder.Property(c => c.SinceId).HasMaxLength(32);
        builder.Property(c => c.PendingNewestId).HasMaxLength(32);
        builder.Property(c => c.PaginationToken).HasMaxLength(256);
    }
}
