using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Coro.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.Generators;

/// <summary>
/// The models of one run of compilations that declare the same things (<see cref="DeclarationSnapshot"/>),
/// by method declaration. The syntax provider runs its transform for every attributed method of every
/// file whenever the compilation changes, which in the IDE is at every keystroke; binding 1,000
/// methods again took five times as long as finding them. Typing inside a body leaves the other files'
/// trees, and so their syntax nodes, as they were, and the compilation declares what it declared: the
/// model of such a node is the one already made. An edit outside bodies starts a new run, and every
/// model is made again.
/// </summary>
/// <remarks>
/// Shared by every driver in the process, and so thread-safe. A run's models live as long as their
/// syntax nodes; of the runs, the last few are remembered, each with a snapshot of its latest compilation.
/// </remarks>
internal sealed class ModelCache
{
    /// <summary>How many runs are remembered, so that projects built side by side (or the targets of a
    /// multi-targeted project) each keep theirs.</summary>
    private const int RunsKept = 8;

    private static readonly object s_gate = new();
    private static readonly ConditionalWeakTable<Compilation, ModelCache> s_byCompilation = new();
    private static readonly List<ModelCache> s_recent = new();

    private readonly ConditionalWeakTable<MethodDeclarationSyntax, Entry> _models = new();
    private readonly HashSet<string> _aliasNames;
    private DeclarationSnapshot? _latest; // set before the run is listed in s_recent; none for a script

    private ModelCache(Compilation compilation, CancellationToken cancellationToken)
    {
        _aliasNames = AliasNames(compilation, cancellationToken);
    }

    /// <summary>The run <paramref name="compilation"/> belongs to: that of a recent compilation that
    /// declares the same things, or a new one.</summary>
    public static ModelCache For(Compilation compilation, CancellationToken cancellationToken)
    {
        if (s_byCompilation.TryGetValue(compilation, out ModelCache? known))
        {
            return known;
        }

        lock (s_gate)
        {
            if (s_byCompilation.TryGetValue(compilation, out known))
            {
                return known;
            }

            if (compilation.ScriptCompilationInfo is not null)
            {
                // A script's submissions see each other: its models are its own, and it joins no run.
                var own = new ModelCache(compilation, cancellationToken);
                s_byCompilation.Add(compilation, own);
                return own;
            }

            ModelCache? run = null;
            for (int i = 0; i < s_recent.Count; i++)
            {
                if (s_recent[i]._latest!.Matches(compilation, cancellationToken))
                {
                    run = s_recent[i];
                    s_recent.RemoveAt(i);
                    run._latest = run._latest!.Next(compilation);
                    break;
                }
            }

            if (run is null)
            {
                run = new ModelCache(compilation, cancellationToken);
                run._latest = DeclarationSnapshot.Of(compilation);
            }

            s_recent.Insert(0, run);
            if (s_recent.Count > RunsKept)
            {
                s_recent.RemoveAt(RunsKept);
            }

            s_byCompilation.Add(compilation, run);
            return run;
        }
    }

    public bool TryGet(MethodDeclarationSyntax method, out ParsedCoroutine? parsed)
    {
        if (_models.TryGetValue(method, out Entry? entry))
        {
            parsed = entry.Parsed;
            return true;
        }

        parsed = null;
        return false;
    }

    /// <summary>Keeps the model, or returns the one another thread kept first (they are equal).</summary>
    public ParsedCoroutine? Add(MethodDeclarationSyntax method, ParsedCoroutine? parsed)
    {
        var entry = new Entry(parsed);
        return _models.GetValue(method, _ => entry).Parsed;
    }

    /// <summary>
    /// True when one of the method's attributes may be a Coroutine attribute: named <c>Coroutine</c> or
    /// <c>CoroutineAttribute</c> (however qualified, with a type argument or not), or named by a using
    /// alias anywhere in the compilation. What it rules out is never bound, as
    /// <c>ForAttributeWithMetadataName</c> binds only the attributes whose names match.
    /// </summary>
    public bool MayBeMarked(MethodDeclarationSyntax method)
    {
        foreach (AttributeListSyntax list in method.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                string? name = RightmostName(attribute.Name);
                if (name is "Coroutine" or "CoroutineAttribute" || (name is not null && _aliasNames.Contains(name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? RightmostName(NameSyntax name) => name switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The names of the compilation's using aliases (global or not): any of them may name the
    /// attribute. Usings are outside bodies, so every compilation of a run has the same.</summary>
    private static HashSet<string> AliasNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
            {
                Add(unit.Usings, unit.Members);
            }
        }

        return names;

        void Add(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members)
        {
            foreach (UsingDirectiveSyntax directive in usings)
            {
                if (directive.Alias is { } alias)
                {
                    names.Add(alias.Name.Identifier.ValueText);
                }
            }

            foreach (MemberDeclarationSyntax member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns)
                {
                    Add(ns.Usings, ns.Members);
                }
            }
        }
    }

    /// <summary>A model, or null for a method that yields none (a table cannot hold null).</summary>
    private sealed class Entry
    {
        public Entry(ParsedCoroutine? parsed) => Parsed = parsed;

        public ParsedCoroutine? Parsed { get; }
    }
}
