using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SignalHarvester.Domain.Discovery;

/// <summary>
/// Unit vectors as 8-bit codes (each scaled so its largest component is ±127), one after the other:
/// a quarter of the memory single precision takes, so a graph walk reads a vector in four cache lines
/// instead of sixteen, and a similarity is an integer dot product. Approximate (about ±0.005 at 256
/// dimensions): good for ranking candidates, which are then re-scored exactly.
/// </summary>
internal sealed class QuantisedVectors
{
    private readonly sbyte[] codes;
    private readonly float[] scales; // per vector: the value of one code step

    /// <param name="unitVectors">Each vector already scaled to unit length; all of the same length.</param>
    public QuantisedVectors(IReadOnlyList<float[]> unitVectors, int dimensions)
    {
        Dimensions = dimensions;
        codes = new sbyte[unitVectors.Count * dimensions];
        scales = new float[unitVectors.Count];
        for (var i = 0; i < unitVectors.Count; i++)
        {
            var vector = unitVectors[i];
            var largest = 0f;
            foreach (var x in vector)
            {
                largest = Math.Max(largest, Math.Abs(x));
            }

            var step = largest > 0 ? largest / 127 : 1;
            var code = codes.AsSpan(i * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
            {
                code[d] = (sbyte)Math.Round(vector[d] / step);
            }

            scales[i] = step;
        }
    }

    public int Dimensions { get; }

    public int Count => scales.Length;

    /// <summary>The approximate cosine similarity of two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Similarity(int a, int b) =>
        Dot(codes.AsSpan(a * Dimensions, Dimensions), codes.AsSpan(b * Dimensions, Dimensions)) * scales[a] * scales[b];

    // Sign-extended to 16 bits, multiplied and added in pairs into 32-bit lanes (vpmovsxbw, vpmaddwd):
    // 127² · 2 fits in 16 bits · 2, and 256 dimensions in a 32-bit sum many times over.
    private static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && a.Length >= Vector128<sbyte>.Count)
        {
            ref var left = ref MemoryMarshal.GetReference(a);
            ref var right = ref MemoryMarshal.GetReference(b);
            var total = Vector256<int>.Zero;
            for (; i <= a.Length - Vector128<sbyte>.Count; i += Vector128<sbyte>.Count)
            {
                var x = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref left, (nuint)i));
                var y = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref right, (nuint)i));
                total = Avx2.Add(total, Avx2.MultiplyAddAdjacent(x, y));
            }

            sum = Vector256.Sum(total);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
