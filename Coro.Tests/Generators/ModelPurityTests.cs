using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Coro.Tests.Generators;

/// <summary>
/// The pipeline's named steps hold only equatable data: a symbol, syntax node or compilation kept
/// in a step would root the whole compilation and defeat caching.
/// </summary>
public class ModelPurityTests
{
    [Theory]
    [MemberData(nameof(GoldenFileTests.Shapes), MemberType = typeof(GoldenFileTests))]
    public void No_step_output_holds_a_symbol_syntax_node_or_compilation(string shape)
    {
        var compilation = GeneratorHarness.Compilation(GoldenFiles.Input(shape));
        GeneratorRunResult run = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        int walked = 0;
        foreach (string name in IncrementalTests.StepNames)
        {
            // A step that saw no input (no [Coroutine<T>] in the file, say) is not tracked.
            foreach (IncrementalGeneratorRunStep step in run.TrackedSteps.GetValueOrDefault(name, []))
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    Walk(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), ref walked);
                }
            }
        }

        Assert.True(walked > 0);
    }

    private static void Walk(object? value, string path, HashSet<object> seen, ref int walked)
    {
        if (value is null)
        {
            return;
        }

        walked++;
        Type type = value.GetType();
        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or AttributeData,
            $"{path} holds a {type.FullName}");

        if (type.IsPrimitive || type.IsEnum || value is string || value is decimal)
        {
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            IEnumerator enumerator;
            try
            {
                enumerator = items.GetEnumerator();
            }
            catch (InvalidOperationException)
            {
                return; // a default ImmutableArray
            }

            while (enumerator.MoveNext())
            {
                Walk(enumerator.Current, $"{path}[{index++}]", seen, ref walked);
            }

            return;
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), $"{path}.{field.Name}", seen, ref walked);
            }
        }
    }
}
