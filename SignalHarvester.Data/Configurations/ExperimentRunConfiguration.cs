using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data.Configurations;

internal sealed class ExperimentRunConfiguration : IEntityTypeConfiguration<ExperimentRun>
{
    public void Configure(EntityTypeBuilder<ExperimentRun> builder)
    {
        builder.ToTable("experiment_runs", t =>
            t.HasCheckConstraint("ck_experiment_runs_confusion_matrix",
                "artifact_count >= 0 AND true_positives >= 0 AND false_positives >= 0"
                + " AND true_negatives >= 0 AND false_negatives >= 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.PrecisionAtK).HasColumnType("jsonb");
        builder.Property(r => r.Metrics).HasColumnType("jsonb");

        // An experiment's runs in time order (also serves the foreign key).
        builder.HasIndex(r => new { r.ExperimentId, r.StartedAt });
    }
}
