using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class SourceStatusConfiguration : IEntityTypeConfiguration<SourceStatus>
{
    public void Configure(EntityTypeBuilder<SourceStatus> builder)
    {
        builder.ToTable("source_status", t =>
        {
            t.HasCheckConstraint("ck_source_status_configured_mode", "configured_mode IN ('live', 'sample', 'off')");
            t.HasCheckConstraint("ck_source_status_mode", "mode IN ('live', 'sample', 'off')");
        });
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(32).ValueGeneratedNever();
        builder.Property(s => s.ConfiguredMode).HasMaxLength(16);
        builder.Property(s => s.Mode).HasMaxLength(16);
        builder.Property(s => s.Detail).HasMaxLength(400);
        builder.Property(s => s.Endpoint).HasMaxLength(2048);
        builder.Property(s => s.LastError).HasMaxLength(1000);
    }
}
