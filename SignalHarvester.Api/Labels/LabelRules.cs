using SignalHarvester.Core.Experiments;

namespace SignalHarvester.Api.Labels;

/// <summary>What a label must satisfy, whether it comes from PUT or from a CSV row.</summary>
internal static class LabelRules
{
    public const int MaxAnnotatorLength = 100;
    public const int MaxNotesLength = 2000;

    public static string? CheckLabel(string? label) =>
        label is not null && DiscoveryLabelValues.All.Contains(label) ? null : $"must be one of {string.Join(", ", DiscoveryLabelValues.All)}";

    public static string? CheckAnnotator(string? annotator) =>
        annotator is null || annotator.Length <= MaxAnnotatorLength ? null : $"must be at most {MaxAnnotatorLength} characters";

    public static string? CheckNotes(string? notes) =>
        notes is null || notes.Length <= MaxNotesLength ? null : $"must be at most {MaxNotesLength} characters";
}
