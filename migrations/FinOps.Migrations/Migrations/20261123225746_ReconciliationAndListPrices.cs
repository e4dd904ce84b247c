using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReconciliationAndListPrices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reconciliation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    period = table.Column<string>(type: "character(7)", fixedLength: true, maxLength: 7, nullable: false),
                    window_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    billed_cost = table.Column<decimal>(type: "numeric", nullable: false),
                    covered_cost = table.Column<decimal>(type: "numeric", nullable: false),
                    windows = table.Column<int>(type: "integer", nullable: false),
                    flagged = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reconciliation_rows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    provider_id = table.Column<int>(type: "integer", nullable: false),
                    model_id = table.Column<int>(type: "integer", nullable: true),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    window_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    billed_input_tokens = table.Column<decimal>(type: "numeric", nullable: false),
                    billed_cached_input_tokens = table.Column<decimal>(type: "numeric", nullable: false),
                    billed_output_tokens = table.Column<decimal>(type: "numeric", nullable: false),
                    billed_mixed_tokens = table.Column<decimal>(type: "numeric", nullable: false),
                    logged_input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    logged_cached_input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    logged_output_tokens = table.Column<long>(type: "bigint", nullable: false),
                    logged_requests = table.Column<long>(type: "bigint", nullable: false),
                    billed_cost = table.Column<decimal>(type: "numeric", nullable: false),
                    expected_cost = table.Column<decimal>(type: "numeric", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    causes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_reconciliation_rows_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reconciliation_rows_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reconciliation_rows_reconciliation_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "reconciliation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_rows_model_id",
                table: "reconciliation_rows",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_rows_provider_id",
                table: "reconciliation_rows",
                column: "provider_id");

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_rows_run_id_status",
                table: "reconciliation_rows",
                columns: new[] { "run_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_runs_period_window_kind",
                table: "reconciliation_runs",
                columns: new[] { "period", "window_kind" },
                unique: true);

            migrationBuilder.Sql(Sql.ListPricesSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.ListPricesSql.Down);
            migrationBuilder.DropTable(
                name: "reconciliation_rows");

            migrationBuilder.DropTable(
                name: "reconciliation_runs");
        }
    }
}
