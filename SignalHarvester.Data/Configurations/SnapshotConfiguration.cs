using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class SnapshotConfiguration : IEntityTypeConfiguration<Snapshot>
{
    public void Configure(EntityTypeBuilder<Snapshot> builder)
    {
        builder.ToTable("snapshots", t =>
            t.HasCheckConstraint("ck_snapshots_status", "status IN ('processing', 'ready', 'failed')"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.SignalId).HasMaxLength(32);
        builder.Property(s => s.Status).HasMaxLength(16);
        builder.Property(s => s.Format).HasMaxLength(16);
        builder.Property(s => s.Path).HasMaxLength(1024);
        builder.Property(s => s.ChecksumSha256).HasMaxLength(64);

        // The row, not the signal, owns the export file: keeping it lets retention still find and prune the file.
        builder.HasOne<Signal>().WithMany().HasForeignKey(s => s.SignalId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(s => s.CreatedAt);
    }
}
