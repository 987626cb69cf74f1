namespace SignalHarvester.Tests.Fakes;

/// <summary>
/// A reproducible sequence of fates for the fake X's searches: a seeded generator decides, request by request, whether
/// it is answered or fails, and how. The same seed gives the same sequence, so a failure found by the soak replays.
/// </summary>
public sealed class XChaos(int seed, double faultRate)
{
    public enum Kind
    {
        Answered,
        RateLimited,
        ServerError,
        Unavailable,
        Timeout,
        Truncated,
        Garbage,
    }

    private static readonly Kind[] Faults = [Kind.RateLimited, Kind.ServerError, Kind.Unavailable, Kind.Timeout, Kind.Truncated, Kind.Garbage];

    private readonly Random random = new(seed);
    private readonly Dictionary<Kind, int> tally = [];
    private readonly Queue<Kind> deck = new();

    public int Seed { get; } = seed;

    /// <summary>The fate of the next search.</summary>
    public Kind Next()
    {
        lock (random)
        {
            var kind = random.NextDouble() < faultRate ? NextFault() : Kind.Answered;
            tally[kind] = tally.GetValueOrDefault(kind) + 1;
            return kind;
        }
    }

    /// <summary>Whether every kind of fault has been dealt at least once.</summary>
    public bool DealtEveryFault
    {
        get
        {
            lock (random)
            {
                return Faults.All(tally.ContainsKey);
            }
        }
    }

    /// <summary>The kinds come from a shuffled deck, dealt to the end before the next shuffle: any six faults in a row are all six kinds.</summary>
    private Kind NextFault()
    {
        if (deck.Count == 0)
        {
            foreach (var kind in Faults.OrderBy(_ => random.Next()))
            {
                deck.Enqueue(kind);
            }
        }

        return deck.Dequeue();
    }

    /// <summary>How many searches met each fate so far, e.g. "Answered 41, ServerError 6, Timeout 2".</summary>
    public override string ToString()
    {
        lock (random)
        {
            return string.Join(", ", tally.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}"));
        }
    }

    /// <summary>Searches that failed, of all searches so far.</summary>
    public (int Faults, int Total) Counts()
    {
        lock (random)
        {
            return (tally.Where(t => t.Key != Kind.Answered).Sum(t => t.Value), tally.Values.Sum());
        }
    }
}
