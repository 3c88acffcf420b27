using System.Text;

namespace Coro.Tests.Fuzz;

/// <summary>One mutated source: where it came from, what was done to it, and the result.</summary>
internal sealed record Mutant(int Seed, int Index, FuzzSource Origin, IReadOnlyList<string> Mutations, string Text);

/// <summary>
/// Makes mutant <c>index</c> of a seed: a pure function of (seed, index), through one
/// <see cref="Random"/> seeded from both, so any mutant can be made again alone.
/// Each mutant is one corpus source with one to three token edits: delete, duplicate or swap
/// token spans, truncate (possibly inside a token), insert a keyword or punctuation, or insert
/// a span of tokens of another source.
/// </summary>
internal static class TokenMutator
{
    /// <summary>What the generator and analyzers look at, and what breaks a parser.</summary>
    private static readonly string[] s_inserts =
    [
        "yield", "return", "yield return", "yield break", "partial", "async", "await", "static", "this", "params",
        "ref", "out", "in", "scoped", "readonly", "file", "record", "struct", "class", "interface", "where", "new",
        "default", "null", "var", "void", "Future", "Future<int>", "IEnumerable<Future>", "Coroutine.Return(1)",
        "[Coroutine]", "[Coroutine<int>]", "[Coroutine<>]", "[Coroutine(", "[", "]",
        "{", "}", "(", ")", ";", "<", ">", "=>", "=", "?", "!", ",", ".", ":", "::", "@", "$", "*", "&",
        "#if X", "#else", "#endif", "#region", "#nullable disable", "\"", "'", "\"\"\"", "$\"", "/*", "*/", "//", "///",
    ];

    private const int MaxSpan = 8;

    public static Mutant Create(int seed, int index, IReadOnlyList<FuzzSource> corpus)
    {
        var random = new Random(Mix(seed, index));
        FuzzSource source = corpus[random.Next(corpus.Count)];
        var tokens = new List<string>(source.Tokens);
        var mutations = new List<string>();
        for (int count = random.Next(1, 4); count > 0 && tokens.Count > 0; count--)
        {
            mutations.Add(MutateOnce(random, tokens, corpus));
        }

        return new Mutant(seed, index, source, mutations, string.Concat(tokens));
    }

    /// <summary>A well-mixed 32-bit seed from both numbers (SplitMix64's finalizer), the same in every process.</summary>
    internal static int Mix(int seed, int index)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }

    private static string MutateOnce(Random random, List<string> tokens, IReadOnlyList<FuzzSource> corpus)
    {
        int at = random.Next(tokens.Count);
        int length = Math.Min(random.Next(1, MaxSpan + 1), tokens.Count - at);
        switch (random.Next(7))
        {
            case 0:
            {
                string removed = Join(tokens, at, length);
                tokens.RemoveRange(at, length);
                return $"delete {length} tokens at {at} ({Quote(removed)})";
            }

            case 1:
            {
                List<string> copy = tokens.GetRange(at, length);
                tokens.InsertRange(at + length, copy);
                return $"duplicate {length} tokens at {at} ({Quote(string.Concat(copy))})";
            }

            case 2:
            {
                // Two spans that do not overlap: [at, at + length) and [other, other + otherLength).
                int other = random.Next(at + length, tokens.Count + 1);
                int otherLength = Math.Min(random.Next(1, MaxSpan + 1), tokens.Count - other);
                if (otherLength == 0)
                {
                    goto case 0;
                }

                List<string> first = tokens.GetRange(at, length);
                List<string> second = tokens.GetRange(other, otherLength);
                tokens.RemoveRange(other, otherLength);
                tokens.InsertRange(other, first);
                tokens.RemoveRange(at, length);
                tokens.InsertRange(at, second);
                return $"swap {length} tokens at {at} ({Quote(string.Concat(first))}) with {otherLength} at {other} ({Quote(string.Concat(second))})";
            }

            case 3:
            {
                // Inside the token too, so that strings, comments and directives are left open.
                string token = tokens[at];
                int keep = random.Next(token.Length + 1);
                tokens.RemoveRange(at, tokens.Count - at);
                tokens.Add(token[..keep]);
                return $"truncate at token {at}, keeping {keep} of its {token.Length} characters";
            }

            case 4:
            {
                // A span of another source: coroutines end up in interfaces, lambdas, local functions...
                FuzzSource donor = corpus[random.Next(corpus.Count)];
                int from = random.Next(donor.Tokens.Count);
                int count = Math.Min(random.Next(1, 4 * MaxSpan + 1), donor.Tokens.Count - from);
                string spliced = string.Concat(donor.Tokens.Skip(from).Take(count));
                tokens.Insert(at, spliced);
                return $"insert {count} tokens at {from} of {donor.Name} ({Quote(spliced)}) before token {at}";
            }

            default:
            {
                // Twice as often as each other edit; with spaces or glued to its neighbours.
                string insert = s_inserts[random.Next(s_inserts.Length)];
                string text = random.Next(3) switch
                {
                    0 => insert,
                    1 => " " + insert + " ",
                    _ => "\n" + insert + "\n",
                };
                tokens.Insert(at, text);
                return $"insert {Quote(text)} before token {at}";
            }
        }
    }

    private static string Join(List<string> tokens, int at, int length) => string.Concat(tokens.GetRange(at, length));

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in text.Length > 60 ? text[..60] + "…" : text)
        {
            builder.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '"' => "\\\"", _ => c.ToString() });
        }

        return builder.Append('"').ToString();
    }
}
