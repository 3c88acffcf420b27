using System.Collections.Immutable;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Tests.CodeFixes;

/// <summary>
/// Runs every Coro code fix, and its Fix All, on a document of an <see cref="AdhocWorkspace"/>
/// without the testing framework: for tests that feed broken code and only ask "does it throw?".
/// </summary>
internal static class CodeFixHarness
{
    public static ImmutableArray<CodeFixProvider> All { get; } =
    [
        .. typeof(CORO001YieldNonFutureCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!),
    ];

    /// <summary>An empty document in a one-project workspace (.NET 10 and Coro.Runtime referenced); change its text with <c>Solution.WithDocumentText</c>.</summary>
    public static Document EmptyDocument(CSharpParseOptions parseOptions)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        return workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Robust", "Robust", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: parseOptions,
                metadataReferences: CoroVerifier.References))
            .AddDocument(documentId, "Test.cs", string.Empty)
            .GetDocument(documentId)!;
    }

    /// <summary>The same document with another text.</summary>
    public static Document WithText(this Document document, string text) =>
        document.Project.Solution.WithDocumentText(document.Id, SourceText.From(text)).GetDocument(document.Id)!;

    /// <summary>
    /// Runs every fix offered for every Coro diagnostic of <paramref name="diagnostics"/> that lies in
    /// <paramref name="document"/>; what a fix throws goes to <paramref name="exceptions"/>.
    /// Returns how many diagnostics had a fix provider and how many fixes were offered.
    /// <paramref name="changed"/>, if given, sees every document a fix changed.
    /// </summary>
    public static async Task<(int Diagnostics, int Fixes)> RunEveryFixAsync(
        Document document, ImmutableArray<Diagnostic> diagnostics, List<string> exceptions, CancellationToken cancellationToken,
        Func<Document, Task>? changed = null)
    {
        SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken);
        int fixable = 0;
        int fixes = 0;
        foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Id.StartsWith("CORO", StringComparison.Ordinal) && d.Location.SourceTree == tree))
        {
            foreach (CodeFixProvider provider in All.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                fixable++;
                try
                {
                    fixes += await RunAsync(document, provider, diagnostic, diagnostics, cancellationToken, changed);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    exceptions.Add($"{provider.GetType().Name} on {diagnostic}: {exception}");
                }
            }
        }

        return (fixable, fixes);
    }

    /// <summary>
    /// Registers every fix of <paramref name="provider"/> for <paramref name="diagnostic"/>, computes
    /// each one's operations and the changed text, then does the same for its Fix All over the
    /// <paramref name="all"/> diagnostics of the same ID. Returns how many fixes were offered.
    /// </summary>
    public static async Task<int> RunAsync(
        Document document, CodeFixProvider provider, Diagnostic diagnostic, ImmutableArray<Diagnostic> all, CancellationToken cancellationToken,
        Func<Document, Task>? changed = null)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
        foreach (CodeAction action in actions)
        {
            await ApplyAsync(document.Project.Solution, action, changed, cancellationToken);
            if (provider.GetFixAllProvider() is { } fixAll)
            {
                ImmutableArray<Diagnostic> same = [.. all.Where(d => d.Id == diagnostic.Id)];
                var context = new FixAllContext(
                    document, provider, FixAllScope.Document, action.EquivalenceKey, [diagnostic.Id], new KnownDiagnostics(same), cancellationToken);
                if (await fixAll.GetFixAsync(context) is { } fixAllAction)
                {
                    await ApplyAsync(document.Project.Solution, fixAllAction, changed, cancellationToken);
                }
            }
        }

        return actions.Count;
    }

    /// <summary>Computes the action's operations and the text of every document it changes.</summary>
    private static async Task ApplyAsync(Solution before, CodeAction action, Func<Document, Task>? changed, CancellationToken cancellationToken)
    {
        foreach (CodeActionOperation operation in await action.GetOperationsAsync(cancellationToken))
        {
            if (operation is ApplyChangesOperation { ChangedSolution: var after })
            {
                foreach (ProjectChanges project in after.GetChanges(before).GetProjectChanges())
                {
                    foreach (DocumentId id in project.GetChangedDocuments())
                    {
                        Document document = after.GetDocument(id)!;
                        await document.GetTextAsync(cancellationToken);
                        if (changed is not null)
                        {
                            await changed(document);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Hands Fix All a fixed set of diagnostics, as dotnet format does with what it computed.</summary>
    internal sealed class KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
