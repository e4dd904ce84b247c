using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <summary>Workflow executions summed at ingest (<see cref="Sql.UsageTraceRollupSql"/>): the workflows page stops reading raw requests.</summary>
    public partial class UsageTraceRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "usage_trace_hourly",
                columns: table => new
                {
                    tenant_id = table.Column<long>(type: "bigint", nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    feature_id = table.Column<long>(type: "bigint", nullable: false),
                    model_id = table.Column<int>(type: "integer", nullable: false),
                    model_alias_id = table.Column<int>(type: "integer", nullable: false),
                    batch = table.Column<bool>(type: "boolean", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    calls = table.Column<long>(type: "bigint", nullable: false),
                    input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    cached_input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    output_tokens = table.Column<long>(type: "bigint", nullable: false),
                    workflow = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_trace_hourly", x => new { x.tenant_id, x.hour, x.trace_id, x.feature_id, x.model_id, x.model_alias_id, x.batch });
                    table.CheckConstraint("ck_usage_trace_hourly_counts", "calls > 0 and input_tokens >= 0 and cached_input_tokens >= 0 and output_tokens >= 0 and first_at <= last_at");
                });

            migrationBuilder.CreateIndex(
                name: "ix_usage_trace_hourly_hour",
                table: "usage_trace_hourly",
                column: "hour");

            migrationBuilder.Sql(Sql.UsageTraceRollupSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.UsageTraceRollupSql.Down);

            migrationBuilder.DropTable(
                name: "usage_trace_hourly");
        }
    }
}
