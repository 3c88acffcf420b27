using System;

namespace Reach
{
    /// <summary>A named check: returns null when it passes, else why it failed.</summary>
    internal sealed class Check
    {
        public Check(string name, Func<string?> body)
        {
            Name = name;
            Body = body;
        }

        public string Name { get; }

        private Func<string?> Body { get; }

        public Outcome Run()
        {
            try
            {
                string? failure = Body();
                return failure is null ? new Outcome(Outcome.Pass, null) : new Outcome(Outcome.Fail, failure);
            }
            catch (SkipException skip)
            {
                return new Outcome(Outcome.Skip, skip.Message);
            }
            catch (Exception exception)
            {
                return new Outcome(Outcome.Fail, "the check threw " + exception);
            }
        }
    }

    /// <summary>What a check came to.</summary>
    internal sealed class Outcome
    {
        public const string Pass = "PASS";
        public const string Fail = "FAIL";
        public const string Skip = "SKIP";

        public Outcome(string word, string? reason)
        {
            Word = word;
            Reason = reason;
        }

        public string Word { get; }

        public string? Reason { get; }
    }

    /// <summary>Thrown by a check that cannot run here, with why.</summary>
    internal sealed class SkipException : Exception
    {
        public SkipException(string message)
            : base(message)
        {
        }
    }
}
