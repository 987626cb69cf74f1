using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.ToTable("experiments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Config).HasColumnType("jsonb");

        // Deleting a baseline leaves the experiments compared against it intact.
        builder.HasOne<Experiment>().WithMany().HasForeignKey(e => e.BaselineExperimentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(e => e.Runs).WithOne().HasForeignKey(r => r.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.Name).IsUnique();
    }
}
