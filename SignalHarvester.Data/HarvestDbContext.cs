using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data.Model;

namespace SignalHarvester.Data;

/// <summary>The application's database: every table lives here, configured per entity in Configurations/.</summary>
public class HarvestDbContext(DbContextOptions<HarvestDbContext> options) : DbContext(options)
{
    public DbSet<SchemaVersion> SchemaVersions => Set<SchemaVersion>();

    // Signal pipeline (posts from X).
    public DbSet<Signal> Signals => Set<Signal>();
    public DbSet<Cursor> Cursors => Set<Cursor>();
    public DbSet<Snapshot> Snapshots => Set<Snapshot>();
    public DbSet<ArtifactEntity> ArtifactEntities => Set<ArtifactEntity>();
    public DbSet<PerformanceMetric> PerformanceMetrics => Set<PerformanceMetric>();
    public DbSet<BulkJob> BulkJobs => Set<BulkJob>();
    public DbSet<SourceStatus> SourceStatuses => Set<SourceStatus>();

    // Discovery pipeline (research artifacts).
    public DbSet<ResearchEntity> Entities => Set<ResearchEntity>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<EntityMergeHistory> EntityMergeHistory => Set<EntityMergeHistory>();
    public DbSet<Artifact> Artifacts => Set<Artifact>();
    public DbSet<ArtifactClassification> ArtifactClassifications => Set<ArtifactClassification>();
    public DbSet<ArtifactScore> Scores => Set<ArtifactScore>();
    public DbSet<ArtifactRelationship> ArtifactRelationships => Set<ArtifactRelationship>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<ArtifactTopic> ArtifactTopics => Set<ArtifactTopic>();
    public DbSet<TopicEvolution> TopicEvolution => Set<TopicEvolution>();
    public DbSet<TopicSimilarity> TopicSimilarities => Set<TopicSimilarity>();
    public DbSet<TopicCluster> TopicClusters => Set<TopicCluster>();

    // Experiments (backtesting scoring configurations against human labels).
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<ExperimentRun> ExperimentRuns => Set<ExperimentRun>();
    public DbSet<DiscoveryLabel> DiscoveryLabels => Set<DiscoveryLabel>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder
            .HasPostgresExtension("pg_trgm") // trigram indexes for substring search
            .ApplyConfigurationsFromAssembly(typeof(HarvestDbContext).Assembly);
}
