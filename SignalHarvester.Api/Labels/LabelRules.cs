using SignalHarvester.Api.Validation;
using SignalHarvester.Data;
using SignalHarvester.Domain.Experiments;

namespace SignalHarvester.Api.Labels;

/// <summary>What a label must satisfy, whether it comes from PUT or from a CSV row.</summary>
internal static class LabelRules
{
    public const int MaxAnnotatorLength = 100;
    public const int MaxNotesLength = 2000;

    public static string? CheckLabel(string? label) =>
        label is not null && DiscoveryLabelValues.All.Contains(label) ? null : $"must be one of {string.Join(", ", DiscoveryLabelValues.All)}";

    public static string? CheckAnnotator(string? annotator) => CheckText(annotator, MaxAnnotatorLength);

    public static string? CheckNotes(string? notes) => CheckText(notes, MaxNotesLength);

    private static string? CheckText(string? text, int maxLength) =>
        text is null ? null
        : text.Length > maxLength ? $"must be at most {maxLength} characters"
        : StorableText.IsStorable(text) ? null
        : StorableText.Requirement;
}
