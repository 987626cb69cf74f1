using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SignalHarvester.Domain.Discovery;
using SignalHarvester.Worker.Llm;

namespace SignalHarvester.Tests.Discovery.Domain;

public class HashedNgramEmbeddingGeneratorTests
{
    private const string Abstract =
        "We demonstrate below-threshold surface code error correction on a superconducting quantum processor with 72 qubits.";

    private static double Norm(float[] vector) => Math.Sqrt(vector.Sum(value => (double)value * value));

    [Fact]
    public async Task The_same_text_gives_the_same_vector_in_separate_instances()
    {
        using var first = new HashedNgramEmbeddingGenerator();
        using var second = new HashedNgramEmbeddingGenerator();

        var a = (await first.GenerateAsync([Abstract]))[0].Vector.ToArray();
        var b = (await second.GenerateAsync([Abstract]))[0].Vector.ToArray();

        Assert.Equal(HashedNgramEmbeddingGenerator.DefaultDimensions, a.Length);
        Assert.Equal(a, b);
        Assert.Equal(a, second.Embed(Abstract));
    }

    /// <summary>
    /// Stability across processes and machines: the vector must equal one computed here from the
    /// documented recipe with an independent FNV-1a, so it cannot depend on per-process hash seeds.
    /// </summary>
    [Fact]
    public void The_vector_follows_the_documented_feature_hashing_recipe()
    {
        const int dimensions = 64;
        // "Qubit" twice (tf 2), "the" a stop word: unigrams, bigrams and character trigrams of "<qubit>".
        var text = "Qubit, the QUBIT";
        var features = new Dictionary<string, (int Count, double Weight)>
        {
            ["w:qubit"] = (2, 1.0),
            ["w:the"] = (1, 0.1),
            ["b:qubit the"] = (1, 0.7 * (1.0 + 0.1) / 2),
            ["b:the qubit"] = (1, 0.7 * (0.1 + 1.0) / 2),
        };
        foreach (var trigram in new[] { "<qu", "qub", "ubi", "bit", "it>" })
        {
            features["c:" + trigram] = (2, 0.3);
        }

        var expected = new double[dimensions];
        foreach (var (key, (count, weight)) in features)
        {
            var hash = 14695981039346656037UL;
            foreach (var b in Encoding.UTF8.GetBytes(key))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            expected[(int)(hash % dimensions)] += (hash >> 63 == 0 ? 1 : -1) * (1 + Math.Log(count)) * weight;
        }

        var norm = Math.Sqrt(expected.Sum(value => value * value));
        var actual = new HashedNgramEmbeddingGenerator(dimensions).Embed(text);

        Assert.Equal(dimensions, actual.Length);
        for (var i = 0; i < dimensions; i++)
        {
            Assert.Equal(expected[i] / norm, actual[i], 1e-6);
        }
    }

    [Fact]
    public void Vectors_have_unit_length_and_an_empty_text_is_the_zero_vector()
    {
        var generator = new HashedNgramEmbeddingGenerator();

        Assert.Equal(1.0, Norm(generator.Embed(Abstract)), 1e-5);
        Assert.Equal(1.0, Norm(generator.Embed("x")), 1e-5);
        Assert.All(generator.Embed("  ... !!"), value => Assert.Equal(0f, value));
        Assert.All(generator.Embed(""), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Similar_texts_are_closer_than_unrelated_ones()
    {
        var generator = new HashedNgramEmbeddingGenerator();
        var quantum = generator.Embed(Abstract);
        var similar = generator.Embed("Surface code error correction below threshold on superconducting qubits in a quantum processor.");
        var unrelated = generator.Embed("A recipe for sourdough bread with a crisp crust and an open crumb, baked in a Dutch oven.");

        var close = VectorMath.CosineSimilarity(quantum, similar);
        var far = VectorMath.CosineSimilarity(quantum, unrelated);

        Assert.True(close > far + 0.2, $"similar {close:0.###} vs unrelated {far:0.###}");
        Assert.True(close > 0.4, $"similar texts only {close:0.###}");
    }

    [Fact]
    public void Stop_words_matter_less_than_content_words()
    {
        var generator = new HashedNgramEmbeddingGenerator();
        var baseline = generator.Embed("graph neural networks for molecules");

        var extraStopWords = VectorMath.CosineSimilarity(baseline, generator.Embed("graph neural networks for the molecules of a"));
        var extraContent = VectorMath.CosineSimilarity(baseline, generator.Embed("graph neural networks for molecules proteins crystals"));

        Assert.True(extraStopWords > extraContent, $"{extraStopWords:0.###} vs {extraContent:0.###}");
    }

    [Fact]
    public async Task Dimensions_can_be_configured_and_requested()
    {
        using var generator = new HashedNgramEmbeddingGenerator(32);

        Assert.Equal(32, generator.Embed(Abstract).Length);
        var requested = await generator.GenerateAsync([Abstract, "second"], new EmbeddingGenerationOptions { Dimensions = 16 });
        Assert.Equal(2, requested.Count);
        Assert.All(requested, embedding => Assert.Equal(16, embedding.Vector.Length));
        Assert.Equal(HashedNgramEmbeddingGenerator.ModelId, requested[0].ModelId);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal(32, metadata.DefaultModelDimensions);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashedNgramEmbeddingGenerator(0));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDiscoveryEmbeddings();
        return builder.Build();
    }

    [Fact]
    public void The_services_use_the_local_generator_by_default()
    {
        using var host = BuildHost([]);

        var generator = Assert.IsType<HashedNgramEmbeddingGenerator>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(HashedNgramEmbeddingGenerator.DefaultDimensions, generator.Dimensions);
    }

    [Fact]
    public void Local_dimensions_come_from_configuration()
    {
        using var host = BuildHost(new() { ["Discovery:Embeddings:Dimensions"] = "64" });

        var generator = Assert.IsType<HashedNgramEmbeddingGenerator>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(64, generator.Dimensions);
    }

    [Fact]
    public void An_openai_compatible_provider_without_any_key_falls_back_to_local()
    {
        using var host = BuildHost(new() { ["Discovery:Embeddings:Provider"] = "openai-compatible" });

        Assert.IsType<HashedNgramEmbeddingGenerator>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public void An_openai_compatible_provider_borrows_the_llm_key()
    {
        using var host = BuildHost(new()
        {
            ["Discovery:Embeddings:Provider"] = "openai-compatible",
            ["Discovery:Embeddings:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Discovery:Embeddings:Model"] = "nomic-embed-text",
            ["Llm:ApiKey"] = "llm-key",
        });

        Assert.Equal("llm-key", host.Services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.ApiKey);
        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.IsNotType<HashedNgramEmbeddingGenerator>(generator);
        Assert.Equal("nomic-embed-text", generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void Its_own_key_wins_over_the_llm_key()
    {
        using var host = BuildHost(new() { ["Discovery:Embeddings:ApiKey"] = "own-key", ["Llm:ApiKey"] = "llm-key" });

        Assert.Equal("own-key", host.Services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.ApiKey);
    }

    [Fact]
    public void An_unknown_provider_fails_at_startup()
    {
        using var host = BuildHost(new() { ["Discovery:Embeddings:Provider"] = "word2vec" });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Start());
        Assert.Contains("Discovery:Embeddings:Provider must be one of: ", failure.Message, StringComparison.Ordinal);
    }
}
