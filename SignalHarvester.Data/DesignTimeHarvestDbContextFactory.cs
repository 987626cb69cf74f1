using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SignalHarvester.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
internal sealed class DesignTimeHarvestDbContextFactory : IDesignTimeDbContextFactory<HarvestDbContext>
{
    public HarvestDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HarvestDbContext>()
            .UseNpgsql("Host=localhost;Database=harvest");
        HarvestDbContextOptions.Apply(options);
        return new HarvestDbContext(options.Options);
    }
}
