using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SignalHarvester.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "artifacts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    artifact_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    text = table.Column<string>(type: "text", nullable: true),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    authors = table.Column<string>(type: "jsonb", nullable: true),
                    embedding = table.Column<float[]>(type: "real[]", nullable: true),
                    raw = table.Column<string>(type: "jsonb", nullable: true),
                    inserted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_artifacts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cursors",
                columns: table => new
                {
                    query_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    since_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    pending_newest_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    pagination_token = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cursors", x => x.query_name);
                });

            migrationBuilder.CreateTable(
                name: "entities",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    entity_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    affiliation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    homepage_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    domain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    expertise_score = table.Column<double>(type: "double precision", nullable: false),
                    merged_into_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entities", x => x.id);
                    table.CheckConstraint("ck_entities_entity_type", "entity_type IN ('person', 'lab', 'org')");
                    table.ForeignKey(
                        name: "fk_entities_entities_merged_into_id",
                        column: x => x.merged_into_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    config = table.Column<string>(type: "jsonb", nullable: false),
                    baseline_experiment_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiments", x => x.id);
                    table.ForeignKey(
                        name: "fk_experiments_experiments_baseline_experiment_id",
                        column: x => x.baseline_experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "performance_metrics",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    labels = table.Column<string>(type: "jsonb", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_performance_metrics", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "schema_version",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schema_version", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "topic_clusters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    topic_ids = table.Column<long[]>(type: "bigint[]", nullable: false),
                    centroid = table.Column<float[]>(type: "real[]", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topic_clusters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "topics",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    parent_id = table.Column<long>(type: "bigint", nullable: true),
                    centroid = table.Column<float[]>(type: "real[]", nullable: true),
                    artifact_count = table.Column<int>(type: "integer", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topics", x => x.id);
                    table.ForeignKey(
                        name: "fk_topics_topics_parent_id",
                        column: x => x.parent_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tweets",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    author_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    author_username = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    author_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lang = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    conversation_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    like_count = table.Column<int>(type: "integer", nullable: false),
                    retweet_count = table.Column<int>(type: "integer", nullable: false),
                    reply_count = table.Column<int>(type: "integer", nullable: false),
                    quote_count = table.Column<int>(type: "integer", nullable: false),
                    matched_queries = table.Column<string[]>(type: "text[]", nullable: false),
                    raw = table.Column<string>(type: "jsonb", nullable: true),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    sentiment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    urgency = table.Column<int>(type: "integer", nullable: true),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    reasoning = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    classified_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    classification_fallback = table.Column<bool>(type: "boolean", nullable: false),
                    salience = table.Column<double>(type: "double precision", nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    notify_claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    notify_claimed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    notify_attempts = table.Column<int>(type: "integer", nullable: false),
                    notify_last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    inserted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tweets", x => x.id);
                    table.CheckConstraint("ck_tweets_counts", "like_count >= 0 AND retweet_count >= 0 AND reply_count >= 0 AND quote_count >= 0");
                    table.CheckConstraint("ck_tweets_salience", "salience BETWEEN 0 AND 100");
                    table.CheckConstraint("ck_tweets_urgency", "urgency BETWEEN 0 AND 5");
                });

            migrationBuilder.CreateTable(
                name: "artifact_classifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    artifact_id = table.Column<long>(type: "bigint", nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    urgency = table.Column<int>(type: "integer", nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    topics = table.Column<string[]>(type: "text[]", nullable: false),
                    entities = table.Column<string>(type: "jsonb", nullable: true),
                    reasoning = table.Column<string>(type: "text", nullable: true),
                    classified_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    fallback = table.Column<bool>(type: "boolean", nullable: false),
                    classified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_artifact_classifications", x => x.id);
                    table.CheckConstraint("ck_artifact_classifications_urgency", "urgency BETWEEN 0 AND 3");
                    table.ForeignKey(
                        name: "fk_artifact_classifications_artifacts_artifact_id",
                        column: x => x.artifact_id,
                        principalTable: "artifacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "artifact_relationships",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_artifact_id = table.Column<long>(type: "bigint", nullable: false),
                    target_artifact_id = table.Column<long>(type: "bigint", nullable: false),
                    relationship_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    confidence = table.Column<double>(type: "double precision", nullable: false),
                    detection_method = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_artifact_relationships", x => x.id);
                    table.CheckConstraint("ck_artifact_relationships_confidence", "confidence BETWEEN 0 AND 1");
                    table.CheckConstraint("ck_artifact_relationships_not_self", "source_artifact_id <> target_artifact_id");
                    table.ForeignKey(
                        name: "fk_artifact_relationships_artifacts_source_artifact_id",
                        column: x => x.source_artifact_id,
                        principalTable: "artifacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_artifact_relationships_artifacts_target_artifact_id",
                        column: x => x.target_artifact_id,
                        principalTable: "artifacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "discovery_labels",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    artifact_id = table.Column<long>(type: "bigint", nullable: false),
                    label = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    annotator = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    notes = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_discovery_labels", x => x.id);
                    table.CheckConstraint("ck_discovery_labels_label", "label <> ''");
                    table.ForeignKey(
                        name: "fk_discovery_labels_artifacts_artifact_id",
                        column: x => x.artifact_id,
                        principalTable: "artifacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scores",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    artifact_id = table.Column<long>(type: "bigint", nullable: false),
                    novelty = table.Column<double>(type: "double precision", nullable: false),
                    emergence = table.Column<double>(type: "double precision", nullable: false),
                    obscurity = table.Column<double>(type: "double precision", nullable: false),
                    cross_source_bonus = table.Column<double>(type: "double precision", nullable: false),
                    expert_bonus = table.Column<double>(type: "double precision", nullable: false),
                    recency_factor = table.Column<double>(type: "double precision", nullable: false),
                    discovery_score = table.Column<double>(type: "double precision", nullable: false),
                    config_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scores", x => x.id);
                    table.CheckConstraint("ck_scores_discovery_score", "discovery_score BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_scores_artifacts_artifact_id",
                        column: x => x.artifact_id,
                        principalTable: "artifacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    entity_id = table.Column<long>(type: "bigint", nullable: true),
                    platform = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    handle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    is_expert = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounts_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "entity_merge_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    primary_entity_id = table.Column<long>(type: "bigint", nullable: false),
                    merged_entity_id = table.Column<long>(type: "bigint", nullable: false),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    similarity = table.Column<double>(type: "double precision", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_merge_history", x => x.id);
                    table.CheckConstraint("ck_entity_merge_history_decision", "decision IN ('merge', 'ignore', 'watch', 'needs_review')");
                    table.ForeignKey(
                        name: "fk_entity_merge_history_entities_merged_entity_id",
                        column: x => x.merged_entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_entity_merge_history_entities_primary_entity_id",
                        column: x => x.primary_entity_id,
                        principalTable: "entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "experiment_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    experiment_id = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    artifact_count = table.Column<int>(type: "integer", nullable: false),
                    true_positives = table.Column<int>(type: "integer", nullable: false),
                    false_positives = table.Column<int>(type: "integer", nullable: false),
                    true_negatives = table.Column<int>(type: "integer", nullable: false),
                    false_negatives = table.Column<int>(type: "integer", nullable: false),
                    precision = table.Column<double>(type: "double precision", nullable: true),
                    recall = table.Column<double>(type: "double precision", nullable: true),
                    f1 = table.Column<double>(type: "double precision", nullable: true),
                    accuracy = table.Column<double>(type: "double precision", nullable: true),
                    precision_at_k = table.Column<string>(type: "jsonb", nullable: true),
                    metrics = table.Column<string>(type: "jsonb", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiment_runs", x => x.id);
                    table.CheckConstraint("ck_experiment_runs_confusion_matrix", "artifact_count >= 0 AND true_positives >= 0 AND false_positives >= 0 AND true_negatives >= 0 AND false_negatives >= 0");
                    table.ForeignKey(
                        name: "fk_experiment_runs_experiments_experiment_id",
                        column: x => x.experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "artifact_topics",
                columns: table => new
                {
                    artifact_id = table.Column<long>(type: "bigint", nullable: false),
                    topic_id = table.Column<long>(type: "bigint", nullable: false),
                    confidence = table.Column<double>(type: "double precision", nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_artifact_topics", x => new { x.artifact_id, x.topic_id });
                    table.CheckConstraint("ck_artifact_topics_confidence", "confidence BETWEEN 0 AND 1");
                    table.ForeignKey(
                        name: "fk_artifact_topics_artifacts_artifact_id",
                        column: x => x.artifact_id,
                        principalTable: "artifacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_artifact_topics_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "topic_evolution",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    topic_id = table.Column<long>(type: "bigint", nullable: false),
                    period_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    period_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    artifact_count = table.Column<int>(type: "integer", nullable: false),
                    emergence_score = table.Column<double>(type: "double precision", nullable: false),
                    growth_rate = table.Column<double>(type: "double precision", nullable: true),
                    event_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    related_topic_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topic_evolution", x => x.id);
                    table.CheckConstraint("ck_topic_evolution_period", "period_end >= period_start");
                    table.ForeignKey(
                        name: "fk_topic_evolution_topics_related_topic_id",
                        column: x => x.related_topic_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_topic_evolution_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "topic_similarity",
                columns: table => new
                {
                    topic_a_id = table.Column<long>(type: "bigint", nullable: false),
                    topic_b_id = table.Column<long>(type: "bigint", nullable: false),
                    similarity = table.Column<double>(type: "double precision", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topic_similarity", x => new { x.topic_a_id, x.topic_b_id });
                    table.CheckConstraint("ck_topic_similarity_ordered_pair", "topic_a_id < topic_b_id");
                    table.ForeignKey(
                        name: "fk_topic_similarity_topics_topic_a_id",
                        column: x => x.topic_a_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_topic_similarity_topics_topic_b_id",
                        column: x => x.topic_b_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    signal_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    size_bytes = table.Column<long>(type: "bigint", nullable: true),
                    checksum_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    item_count = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshots", x => x.id);
                    table.CheckConstraint("ck_snapshots_status", "status IN ('processing', 'ready', 'failed')");
                    table.ForeignKey(
                        name: "fk_snapshots_tweets_signal_id",
                        column: x => x.signal_id,
                        principalTable: "tweets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_entity_id",
                table: "accounts",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounts_platform_handle",
                table: "accounts",
                columns: new[] { "platform", "handle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_artifact_classifications_artifact_id",
                table: "artifact_classifications",
                column: "artifact_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_artifact_relationships_source_target_type",
                table: "artifact_relationships",
                columns: new[] { "source_artifact_id", "target_artifact_id", "relationship_type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_artifact_relationships_target_artifact_id",
                table: "artifact_relationships",
                column: "target_artifact_id");

            migrationBuilder.CreateIndex(
                name: "ix_artifact_topics_topic_id",
                table: "artifact_topics",
                column: "topic_id");

            migrationBuilder.CreateIndex(
                name: "ix_artifacts_published_at",
                table: "artifacts",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "ix_artifacts_source_source_id",
                table: "artifacts",
                columns: new[] { "source", "source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_discovery_labels_artifact_id",
                table: "discovery_labels",
                column: "artifact_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_entities_merged_into_id",
                table: "entities",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_entities_normalized_name",
                table: "entities",
                column: "normalized_name");

            migrationBuilder.CreateIndex(
                name: "ix_entity_merge_history_merged_entity_id",
                table: "entity_merge_history",
                column: "merged_entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_entity_merge_history_primary_entity_id",
                table: "entity_merge_history",
                column: "primary_entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_experiment_runs_experiment_id_started_at",
                table: "experiment_runs",
                columns: new[] { "experiment_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_experiments_baseline_experiment_id",
                table: "experiments",
                column: "baseline_experiment_id");

            migrationBuilder.CreateIndex(
                name: "ix_experiments_name",
                table: "experiments",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_performance_metrics_name_recorded_at",
                table: "performance_metrics",
                columns: new[] { "name", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_schema_version_name",
                table: "schema_version",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scores_artifact_id",
                table: "scores",
                column: "artifact_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scores_discovery_score",
                table: "scores",
                column: "discovery_score",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_snapshots_created_at",
                table: "snapshots",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_snapshots_signal_id",
                table: "snapshots",
                column: "signal_id");

            migrationBuilder.CreateIndex(
                name: "ix_topic_evolution_related_topic_id",
                table: "topic_evolution",
                column: "related_topic_id");

            migrationBuilder.CreateIndex(
                name: "ix_topic_evolution_topic_id_period_start",
                table: "topic_evolution",
                columns: new[] { "topic_id", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ix_topic_similarity_topic_b_id",
                table: "topic_similarity",
                column: "topic_b_id");

            migrationBuilder.CreateIndex(
                name: "ix_topics_name",
                table: "topics",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_topics_parent_id",
                table: "topics",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_tweets_created_at",
                table: "tweets",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_tweets_notification_candidates",
                table: "tweets",
                column: "salience",
                filter: "notified_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tweets_notified_at",
                table: "tweets",
                column: "notified_at");

            migrationBuilder.CreateIndex(
                name: "ix_tweets_salience_created_at",
                table: "tweets",
                columns: new[] { "salience", "created_at" },
                descending: new bool[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "artifact_classifications");

            migrationBuilder.DropTable(
                name: "artifact_relationships");

            migrationBuilder.DropTable(
                name: "artifact_topics");

            migrationBuilder.DropTable(
                name: "cursors");

            migrationBuilder.DropTable(
                name: "discovery_labels");

            migrationBuilder.DropTable(
                name: "entity_merge_history");

            migrationBuilder.DropTable(
                name: "experiment_runs");

            migrationBuilder.DropTable(
                name: "performance_metrics");

            migrationBuilder.DropTable(
                name: "schema_version");

            migrationBuilder.DropTable(
                name: "scores");

            migrationBuilder.DropTable(
                name: "snapshots");

            migrationBuilder.DropTable(
                name: "topic_clusters");

            migrationBuilder.DropTable(
                name: "topic_evolution");

            migrationBuilder.DropTable(
                name: "topic_similarity");

            migrationBuilder.DropTable(
                name: "entities");

            migrationBuilder.DropTable(
                name: "experiments");

            migrationBuilder.DropTable(
                name: "artifacts");

            migrationBuilder.DropTable(
                name: "tweets");

            migrationBuilder.DropTable(
                name: "topics");
        }
    }
}
