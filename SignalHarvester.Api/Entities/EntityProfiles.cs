using SignalHarvester.Data.Model;
using SignalHarvester.Domain.Discovery;

namespace SignalHarvester.Api.Entities;

internal static class EntityProfiles
{
    /// <summary>What the resolver compares of a stored entity; its homepage stands in for a missing domain.</summary>
    public static EntityProfile Of(ResearchEntity entity) =>
        new(entity.Name, entity.EntityType, entity.Affiliation, entity.Domain ?? entity.HomepageUrl, []);
}
