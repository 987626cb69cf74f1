using System.Diagnostics.CodeAnalysis;

namespace SignalHarvester.Domain.Discovery;

/// <summary>The research categories; each constant is both the display name and the stored value.</summary>
public static class ResearchCategories
{
    public const string Preprint = "Preprint";
    public const string Breakthrough = "Breakthrough";
    public const string LabMilestone = "Lab Milestone";
    public const string OpenSourceRelease = "Open-Source Release";
    public const string FundingGrant = "Funding/Grant";
    public const string ConferenceWorkshop = "Conference/Workshop";
    public const string Other = "Other";

    public static IReadOnlyList<string> All { get; } =
        [Preprint, Breakthrough, LabMilestone, OpenSourceRelease, FundingGrant, ConferenceWorkshop, Other];

    /// <summary>Matches one of <see cref="All"/> ignoring case and surrounding blanks; returns the canonical spelling.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out string? category)
    {
        var trimmed = value?.Trim();
        category = All.FirstOrDefault(name => string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase));
        return category is not null;
    }
}
