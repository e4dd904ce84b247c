using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class IngestionFileDataSpan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "data_from",
                table: "ingestion_files",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "data_to",
                table: "ingestion_files",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "data_from",
                table: "ingestion_files");

            migrationBuilder.DropColumn(
                name: "data_to",
                table: "ingestion_files");
        }
    }
}
