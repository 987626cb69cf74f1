using Microsoft.EntityFrameworkCore;
using SignalHarvester.Data;

namespace SignalHarvester.Tests.Infrastructure;

/// <summary>A HarvestDbContext configured exactly as at run time, with no database behind it: for model questions.</summary>
public static class ModelOnlyDbContext
{
    public static HarvestDbContext Create()
    {
        var options = new DbContextOptionsBuilder<HarvestDbContext>().UseNpgsql("Host=localhost;Database=unused");
        HarvestDbContextOptions.Apply(options);
        return new HarvestDbContext(options.Options);
    }
}
