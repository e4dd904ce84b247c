using FinOps.Domain.Access;
using FinOps.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Persistence.Configurations;

/// <summary>ASP.NET Core Identity's tables under plain names, like the rest of the schema.</summary>
internal static class IdentityTablesConfiguration
{
    public static void RenameIdentityTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FinOpsUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
        });
        modelBuilder.Entity<IdentityRole>(role =>
        {
            role.ToTable("roles");
            // The three roles exist in every database from the migration on; ids and stamps are fixed values.
            role.HasData(Roles.All.Select(name => new IdentityRole(name)
            {
                Id = name.ToLowerInvariant(),
                NormalizedName = name.ToUpperInvariant(),
                ConcurrencyStamp = name.ToLowerInvariant(),
            }));
        });
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
    }
}
