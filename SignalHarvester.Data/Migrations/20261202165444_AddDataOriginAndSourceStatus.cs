using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignalHarvester.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDataOriginAndSourceStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_cursors",
                table: "cursors");

            migrationBuilder.DropIndex(
                name: "ix_artifacts_source_source_id",
                table: "artifacts");

            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "tweets",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "live");

            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "cursors",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "live");

            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "artifacts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "live");

            migrationBuilder.AddPrimaryKey(
                name: "pk_cursors",
                table: "cursors",
                columns: new[] { "query_name", "origin" });

            migrationBuilder.CreateTable(
                name: "source_status",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    configured_mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    endpoint = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    credential_configured = table.Column<bool>(type: "boolean", nullable: true),
                    last_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_run_items = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    last_error_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_status", x => x.name);
                    table.CheckConstraint("ck_source_status_configured_mode", "configured_mode IN ('live', 'sample', 'off')");
                    table.CheckConstraint("ck_source_status_mode", "mode IN ('live', 'sample', 'off')");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_tweets_origin",
                table: "tweets",
                sql: "origin IN ('live', 'sample')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_cursors_origin",
                table: "cursors",
                sql: "origin IN ('live', 'sample')");

            migrationBuilder.CreateIndex(
                name: "ix_artifacts_source_source_id_origin",
                table: "artifacts",
                columns: new[] { "source", "source_id", "origin" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_artifacts_origin",
                table: "artifacts",
                sql: "origin IN ('live', 'sample')");

            // Rows stored from the bundled samples before origins existed are samples, not live data.
            migrationBuilder.Sql(SampleRowsBeforeOrigin.MarkSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Without the origin, sample rows would collide with live ones in the restored keys: they go first.
            migrationBuilder.Sql("DELETE FROM artifacts WHERE origin = 'sample'; DELETE FROM tweets WHERE origin = 'sample'; DELETE FROM cursors WHERE origin = 'sample';");

            migrationBuilder.DropTable(
                name: "source_status");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tweets_origin",
                table: "tweets");

            migrationBuilder.DropPrimaryKey(
                name: "pk_cursors",
                table: "cursors");

            migrationBuilder.DropCheckConstraint(
                name: "ck_cursors_origin",
                table: "cursors");

            migrationBuilder.DropIndex(
                name: "ix_artifacts_source_source_id_origin",
                table: "artifacts");

            migrationBuilder.DropCheckConstraint(
                name: "ck_artifacts_origin",
                table: "artifacts");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "tweets");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "cursors");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "artifacts");

            migrationBuilder.AddPrimaryKey(
                name: "pk_cursors",
                table: "cursors",
                column: "query_name");

            migrationBuilder.CreateIndex(
                name: "ix_artifacts_source_source_id",
                table: "artifacts",
                columns: new[] { "source", "source_id" },
                unique: true);
        }
    }
}
