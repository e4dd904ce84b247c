using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PricedNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_usage_hourly",
                table: "usage_hourly");

            migrationBuilder.DropIndex(
                name: "ix_price_cards_model_id_effective_from",
                table: "price_cards");

            migrationBuilder.AddColumn<int>(
                name: "model_alias_id",
                table: "usage_hourly",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "model_alias_id",
                table: "price_cards",
                type: "integer",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_usage_hourly",
                table: "usage_hourly",
                columns: new[] { "tenant_id", "hour", "feature_id", "provider_id", "model_id", "deployment", "service_tier", "model_alias_id" });

            migrationBuilder.CreateIndex(
                name: "ix_price_cards_model_alias_id",
                table: "price_cards",
                column: "model_alias_id");

            migrationBuilder.CreateIndex(
                name: "ix_price_cards_model_id_model_alias_id_effective_from",
                table: "price_cards",
                columns: new[] { "model_id", "model_alias_id", "effective_from" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.AddForeignKey(
                name: "fk_price_cards_model_aliases_model_alias_id",
                table: "price_cards",
                column: "model_alias_id",
                principalTable: "model_aliases",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql(Sql.PricedNamesSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Sql.PricedNamesSql.Down);

            migrationBuilder.DropForeignKey(
                name: "fk_price_cards_model_aliases_model_alias_id",
                table: "price_cards");

            migrationBuilder.DropPrimaryKey(
                name: "pk_usage_hourly",
                table: "usage_hourly");

            migrationBuilder.DropIndex(
                name: "ix_price_cards_model_alias_id",
                table: "price_cards");

            migrationBuilder.DropIndex(
                name: "ix_price_cards_model_id_model_alias_id_effective_from",
                table: "price_cards");

            migrationBuilder.DropColumn(
                name: "model_alias_id",
                table: "usage_hourly");

            migrationBuilder.DropColumn(
                name: "model_alias_id",
                table: "price_cards");

            migrationBuilder.AddPrimaryKey(
                name: "pk_usage_hourly",
                table: "usage_hourly",
                columns: new[] { "tenant_id", "hour", "feature_id", "provider_id", "model_id", "deployment", "service_tier" });

            migrationBuilder.CreateIndex(
                name: "ix_price_cards_model_id_effective_from",
                table: "price_cards",
                columns: new[] { "model_id", "effective_from" },
                unique: true);
        }
    }
}
