using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class BulkJobConfiguration : IEntityTypeConfiguration<BulkJob>
{
    public void Configure(EntityTypeBuilder<BulkJob> builder)
    {
        builder.ToTable("bulk_jobs", t =>
        {
            t.HasCheckConstraint("ck_bulk_jobs_kind", "kind IN ('status', 'delete')");
            t.HasCheckConstraint("ck_bulk_jobs_state", "state IN ('queued', 'running', 'completed', 'cancelled', 'failed')");
            t.HasCheckConstraint("ck_bulk_jobs_progress", "processed BETWEEN 0 AND total AND succeeded + failed = processed");
        });
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Kind).HasMaxLength(16);
        builder.Property(j => j.TargetStatus).HasMaxLength(16);
        builder.Property(j => j.State).HasMaxLength(16);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.Property(j => j.LeaseOwner).HasMaxLength(200);
        builder.Property(j => j.ProcessedBy).HasMaxLength(200);

        // The processors' claim query: unfinished jobs, oldest first.
        builder.HasIndex(j => j.CreatedAt).HasDatabaseName("ix_bulk_jobs_unfinished").HasFilter("state IN ('queued', 'running')");
    }
}
