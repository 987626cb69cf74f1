using System.Text;
using Microsoft.Extensions.AI;

namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// A local, model-free embedding by feature hashing. Deterministic across processes, machines and
/// .NET versions: it never uses <see cref="string.GetHashCode()"/>, only the FNV-1a hash below, so
/// stored vectors stay comparable with new ones.
/// </summary>
/// <remarks>
/// <para>The text is lowercased (invariant culture) and split into words: maximal runs of letters
/// and digits. Features, each a string key with a fixed weight:</para>
/// <list type="bullet">
/// <item><c>"w:" + word</c>, weight 1.0 (0.1 for an English stop word, see <see cref="StopWords"/>);</item>
/// <item><c>"b:" + word1 + " " + word2</c> for adjacent words, weight 0.7 × the mean of the two words' weights;</item>
/// <item><c>"c:" + trigram</c> for every character 3-gram of <c>"&lt;" + word + "&gt;"</c> of a non-stop word, weight 0.3.</item>
/// </list>
/// <para>Each distinct key with term frequency tf contributes <c>sign × (1 + ln tf) × weight</c> to
/// bucket <c>h mod Dimensions</c>, where <c>h</c> is the 64-bit FNV-1a hash (offset basis
/// 14695981039346656037, prime 1099511628211) of the key's UTF-8 bytes and the sign is −1 when the
/// top bit of <c>h</c> is set, +1 otherwise. The vector is then L2-normalised; a text without words
/// gives the zero vector.</para>
/// </remarks>
public sealed class HashedNgramEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int DefaultDimensions = 256;
    public const string ProviderName = "local";
    public const string ModelId = "hashed-ngram-v1";

    public const double UnigramWeight = 1.0;
    public const double BigramWeight = 0.7;
    public const double TrigramWeight = 0.3;
    public const double StopWordWeight = 0.1;

    /// <summary>Common English function words: down-weighted like a very low IDF, and given no character n-grams.</summary>
    public static IReadOnlySet<string> StopWords { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
        "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my",
        "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
        "you", "your", "yours",
    };

    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashedNgramEmbeddingGenerator(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, ModelId, dimensions);
    }

    public int Dimensions { get; }

    /// <summary>Embeds each value; <see cref="EmbeddingGenerationOptions.Dimensions"/>, when set, overrides <see cref="Dimensions"/>.</summary>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dimensions = options?.Dimensions ?? Dimensions;
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1, "options.Dimensions");

        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value, dimensions)) { ModelId = ModelId });
        }

        return Task.FromResult(embeddings);
    }

    /// <summary>The embedding of one text, synchronously.</summary>
    public float[] Embed(string? text) => Embed(text, Dimensions);

    private static float[] Embed(string? text, int dimensions)
    {
        var accumulator = new double[dimensions];
        foreach (var (key, (count, weight)) in Features(text))
        {
            var hash = Fnv1a64(key);
            var bucket = (int)(hash % (ulong)dimensions);
            var sign = (hash >> 63) == 0 ? 1.0 : -1.0;
            accumulator[bucket] += sign * (1 + Math.Log(count)) * weight;
        }

        var norm = Math.Sqrt(accumulator.Sum(value => value * value));
        var vector = new float[dimensions];
        if (norm > 0)
        {
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] = (float)(accumulator[i] / norm);
            }
        }

        return vector;
    }

    /// <summary>Feature key → (term frequency, weight), in first-seen order (the sum does not depend on it).</summary>
    private static Dictionary<string, (int Count, double Weight)> Features(string? text)
    {
        var features = new Dictionary<string, (int Count, double Weight)>(StringComparer.Ordinal);

        void Add(string key, double weight) =>
            features[key] = features.TryGetValue(key, out var existing) ? (existing.Count + 1, existing.Weight) : (1, weight);

        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var wordWeight = WordWeight(word);
            Add("w:" + word, UnigramWeight * wordWeight);
            if (i > 0)
            {
                Add($"b:{words[i - 1]} {word}", BigramWeight * (WordWeight(words[i - 1]) + wordWeight) / 2);
            }

            if (!StopWords.Contains(word))
            {
                var padded = $"<{word}>";
                for (var start = 0; start + 3 <= padded.Length; start++)
                {
                    Add("c:" + padded.Substring(start, 3), TrigramWeight);
                }
            }
        }

        return features;
    }

    private static double WordWeight(string word) => StopWords.Contains(word) ? StopWordWeight : 1.0;

    /// <summary>Lowercased maximal runs of letters and digits.</summary>
    internal static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var lower = text.ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var isWordChar = i < lower.Length && char.IsLetterOrDigit(lower[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                words.Add(lower[start..i]);
                start = -1;
            }
        }

        return words;
    }

    private static ulong Fnv1a64(string key)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return hash;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }
}
