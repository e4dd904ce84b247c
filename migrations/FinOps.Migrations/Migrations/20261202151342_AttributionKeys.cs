using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AttributionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_vendor_attribution_keys_provider_id_key_type_key_value",
                table: "vendor_attribution_keys");

            migrationBuilder.DropColumn(
                name: "first_seen_at",
                table: "vendor_attribution_keys");

            migrationBuilder.AlterColumn<string>(
                name: "mapped_by",
                table: "vendor_attribution_keys",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256,
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "mapped_at",
                table: "vendor_attribution_keys",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)),
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "effective_from",
                table: "vendor_attribution_keys",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<long>(
                name: "feature_id",
                table: "vendor_attribution_keys",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attribution_keys",
                table: "statement_lines",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "key_amount",
                table: "statement_lines",
                type: "numeric",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "attribution_keys",
                table: "closed_statement_lines",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "key_amount",
                table: "closed_statement_lines",
                type: "numeric",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateIndex(
                name: "ix_vendor_attribution_keys_feature_id",
                table: "vendor_attribution_keys",
                column: "feature_id");

            migrationBuilder.CreateIndex(
                name: "ix_vendor_attribution_keys_provider_id_key_type_key_value_effe",
                table: "vendor_attribution_keys",
                columns: new[] { "provider_id", "key_type", "key_value", "effective_from" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_vendor_attribution_keys_features_feature_id",
                table: "vendor_attribution_keys",
                column: "feature_id",
                principalTable: "features",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_vendor_attribution_keys_features_feature_id",
                table: "vendor_attribution_keys");

            migrationBuilder.DropIndex(
                name: "ix_vendor_attribution_keys_feature_id",
                table: "vendor_attribution_keys");

            migrationBuilder.DropIndex(
                name: "ix_vendor_attribution_keys_provider_id_key_type_key_value_effe",
                table: "vendor_attribution_keys");

            migrationBuilder.DropColumn(
                name: "effective_from",
                table: "vendor_attribution_keys");

            migrationBuilder.DropColumn(
                name: "feature_id",
                table: "vendor_attribution_keys");

            migrationBuilder.DropColumn(
                name: "attribution_keys",
                table: "statement_lines");

            migrationBuilder.DropColumn(
                name: "key_amount",
                table: "statement_lines");

            migrationBuilder.DropColumn(
                name: "attribution_keys",
                table: "closed_statement_lines");

            migrationBuilder.DropColumn(
                name: "key_amount",
                table: "closed_statement_lines");

            migrationBuilder.AlterColumn<string>(
                name: "mapped_by",
                table: "vendor_attribution_keys",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "mapped_at",
                table: "vendor_attribution_keys",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_seen_at",
                table: "vendor_attribution_keys",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateIndex(
                name: "ix_vendor_attribution_keys_provider_id_key_type_key_value",
                table: "vendor_attribution_keys",
                columns: new[] { "provider_id", "key_type", "key_value" },
                unique: true);
        }
    }
}
