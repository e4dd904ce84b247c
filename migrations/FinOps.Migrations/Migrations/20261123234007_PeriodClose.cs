using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PeriodClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "period_closes",
                columns: table => new
                {
                    period = table.Column<string>(type: "character(7)", fixedLength: true, maxLength: 7, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    total = table.Column<decimal>(type: "numeric", nullable: false),
                    acknowledgement = table.Column<string>(type: "text", nullable: true),
                    snapshot = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_closes", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "closed_statement_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    period = table.Column<string>(type: "character(7)", fixedLength: true, maxLength: 7, nullable: false),
                    line_key = table.Column<string>(type: "character varying(800)", maxLength: 800, nullable: false),
                    line_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    tenant = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    feature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    pool = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rule_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    rule_version = table.Column<int>(type: "integer", nullable: true),
                    driver = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    driver_quantity = table.Column<decimal>(type: "numeric", nullable: true),
                    share = table.Column<decimal>(type: "numeric", nullable: true),
                    input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    cached_input_tokens = table.Column<long>(type: "bigint", nullable: false),
                    output_tokens = table.Column<long>(type: "bigint", nullable: false),
                    exact_amount = table.Column<decimal>(type: "numeric", nullable: false),
                    amount = table.Column<decimal>(type: "numeric", nullable: false),
                    adjusts_period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_closed_statement_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_closed_statement_lines_period_closes_period",
                        column: x => x.period,
                        principalTable: "period_closes",
                        principalColumn: "period",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_closed_statement_lines_adjusts_period",
                table: "closed_statement_lines",
                column: "adjusts_period");

            migrationBuilder.CreateIndex(
                name: "ix_closed_statement_lines_period_line_key",
                table: "closed_statement_lines",
                columns: new[] { "period", "line_key" },
                unique: true);

            migrationBuilder.Sql(Sql.CloseSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.CloseSql.Down);
            migrationBuilder.DropTable(
                name: "closed_statement_lines");

            migrationBuilder.DropTable(
                name: "period_closes");
        }
    }
}
