using Microsoft.EntityFrameworkCore;

namespace SignalHarvester.Data;

/// <summary>The options every HarvestDbContext uses, at run time and at design time alike.</summary>
public static class HarvestDbContextOptions
{
    public static DbContextOptionsBuilder Apply(DbContextOptionsBuilder options) =>
        options.UseSnakeCaseNamingConvention();
}
