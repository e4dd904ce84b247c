using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Commitments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commitments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    provider_id = table.Column<int>(type: "integer", nullable: false),
                    commitment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    deployment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    capacity_tokens_per_minute = table.Column<decimal>(type: "numeric", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    declared_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitments", x => x.id);
                    table.ForeignKey(
                        name: "fk_commitments_providers_provider_id",
                        column: x => x.provider_id,
                        principalTable: "providers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commitments_provider_id_commitment_effective_from",
                table: "commitments",
                columns: new[] { "provider_id", "commitment", "effective_from" },
                unique: true);

            // A declared commitment changes every open period's pools (its capacity and deployment), like a rule.
            migrationBuilder.Sql("create trigger commitments_stale after insert or update or delete on commitments for each statement execute function costs_stale_everywhere();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop trigger commitments_stale on commitments;");
            migrationBuilder.DropTable(
                name: "commitments");
        }
    }
}
