using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Coro.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.Generators;

/// <summary>
/// Turns a method marked <c>[Coroutine]</c> into a <see cref="ParsedCoroutine"/>. Whether its shape
/// is right is <see cref="CoroutineShape"/>'s call, the same check CORO004 makes: a wrong shape gets no
/// wrapper, only its defining declaration where one can be written, and the CORO004 diagnostics the
/// analyzer could not be seen for on <c>dotnet build</c>.
/// </summary>
internal static class CoroutineParser
{
    /// <summary>Types in code, fully qualified, with their nullable annotations.</summary>
    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Types in a cref: no annotations, no tuple or <c>T?</c> syntax (the cref parser has neither).</summary>
    private static readonly SymbolDisplayFormat s_crefFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandNullable | OlderRoslyn.ExpandValueTuple);

    private static readonly SymbolDisplayFormat s_namespaceFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>
    /// The transform of <c>ForAttributeWithMetadataName</c>, for a method declaration that carries
    /// <c>[Coroutine]</c> (<paramref name="generic"/> false) or <c>[Coroutine&lt;TResult&gt;]</c>. Never
    /// throws: a bug in here must not break the user's build (CS8785), so in release builds it means
    /// "no output" instead.
    /// </summary>
    public static ParsedCoroutine? Parse(GeneratorAttributeSyntaxContext context, bool generic, CancellationToken cancellationToken)
    {
        try
        {
            return context.TargetNode is MethodDeclarationSyntax node && context.TargetSymbol is IMethodSymbol symbol
                ? ParseCore(node, symbol, generic, context.SemanticModel, cancellationToken)
                : null;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#if !DEBUG
        catch (Exception)
        {
            // Debug builds (the tests) let the exception through, so that it is found.
            return null;
        }
#endif
    }

    private static ParsedCoroutine? ParseCore(MethodDeclarationSyntax node, IMethodSymbol symbol, bool generic, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        // Each lookup parses the methods whose first Coroutine attribute is its own.
        if (FirstCoroutineAttribute(node, symbol) is not { } first || first.AttributeClass is not { } attributeClass || attributeClass.IsGenericType != generic)
        {
            return null;
        }

        Compilation compilation = semanticModel.Compilation;
        if (CoroutineShape.Check(symbol, compilation, cancellationToken) is not { ReportedOn: MethodDeclarationSyntax implementationSyntax } shape)
        {
            return null;
        }

        EquatableArray<GeneratorDiagnostic> diagnostics = Diagnostics(shape, generic ? GenericAttributeBelowCSharp11(first) : null);
        if (shape.Problems.Count > 0 && !shape.CanEmitDefinition)
        {
            return diagnostics.Count == 0 ? null : new ParsedCoroutine(null, diagnostics);
        }

        SemanticModel model = implementationSyntax.SyntaxTree == semanticModel.SyntaxTree
            ? semanticModel
            : compilation.GetSemanticModel(implementationSyntax.SyntaxTree);
        return new ParsedCoroutine(Model(shape, implementationSyntax, model, hasWrapper: shape.Problems.Count == 0, cancellationToken), diagnostics);
    }

    /// <summary>
    /// A method is parsed once: the transform runs for each of its declarations, and only the one that
    /// holds its first Coroutine attribute (by file and position) goes on, so two attributes or two
    /// marked parts give one model and one report. Null when this declaration does not hold it.
    /// </summary>
    private static AttributeData? FirstCoroutineAttribute(MethodDeclarationSyntax node, IMethodSymbol symbol)
    {
        AttributeData? first = null;
        SyntaxReference? firstReference = null;
        foreach (AttributeData attribute in CoroutineShape.CoroutineAttributes(symbol))
        {
            SyntaxReference? reference = attribute.ApplicationSyntaxReference;
            if (reference is not null
                && (firstReference is null
                    || string.CompareOrdinal(reference.SyntaxTree.FilePath, firstReference.SyntaxTree.FilePath) < 0
                    || (reference.SyntaxTree.FilePath == firstReference.SyntaxTree.FilePath && reference.Span.Start < firstReference.Span.Start)))
            {
                first = attribute;
                firstReference = reference;
            }
        }

        return firstReference is not null && firstReference.SyntaxTree == node.SyntaxTree && node.Span.Contains(firstReference.Span)
            ? first
            : null;
    }

    private static EquatableArray<GeneratorDiagnostic> Diagnostics(CoroutineShape shape, GeneratorDiagnostic? belowCSharp11)
    {
        var diagnostics = new List<GeneratorDiagnostic>();
        if (belowCSharp11 is { } languageVersion)
        {
            diagnostics.Add(languageVersion);
        }

        if (shape.ReportedByGenerator)
        {
            SyntaxToken identifier = shape.Identifier;
            FileLinePositionSpan lines = identifier.GetLocation().GetLineSpan();
            foreach (CoroutineShape.Problem problem in shape.Problems)
            {
                diagnostics.Add(new GeneratorDiagnostic(
                    "CORO004",
                    identifier.SyntaxTree?.FilePath ?? string.Empty,
                    identifier.Span,
                    lines.Span,
                    new EquatableArray<string>(new[] { shape.Method.Name, problem.Reason }),
                    problem.AddPartial));
            }
        }

        return new EquatableArray<GeneratorDiagnostic>(diagnostics);
    }

    /// <summary>
    /// CORO008 for <c>[Coroutine&lt;T&gt;]</c> in code compiled below C# 11 (Unity compiles C# 9):
    /// the compiler's CS8773 says only that generic attributes need a newer language, and Unity's
    /// console is where its users read it, with no code fix to offer. Reported by the generator,
    /// since the compiler error stays and the compiler runs no analyzer then.
    /// </summary>
    private static GeneratorDiagnostic? GenericAttributeBelowCSharp11(AttributeData attribute)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is not AttributeSyntax syntax
            || syntax.SyntaxTree.Options is not CSharpParseOptions options
            || options.LanguageVersion >= OlderRoslyn.CSharp11
            || CoroutineShape.GenericName(syntax.Name) is not { TypeArgumentList.Arguments.Count: 1 } name)
        {
            return null;
        }

        FileLinePositionSpan lines = name.GetLocation().GetLineSpan();
        return new GeneratorDiagnostic(
            "CORO008",
            syntax.SyntaxTree.FilePath,
            name.Span,
            lines.Span,
            new EquatableArray<string>(new[] { name.TypeArgumentList.Arguments[0].ToString(), options.LanguageVersion.ToDisplayString() }),
            AddPartial: false);
    }

    /// <summary>
    /// The model of a method the shape check passed, or of a wrong shape whose defining declaration
    /// can still be written (<paramref name="hasWrapper"/> false). What can be written is the shape
    /// check's call, and it hands over what it decided (result type, default values, the containing
    /// types' keywords): nothing here can turn a method it passed into no output.
    /// </summary>
    private static CoroutineMethod Model(CoroutineShape shape, MethodDeclarationSyntax implementationSyntax, SemanticModel model, bool hasWrapper, CancellationToken cancellationToken)
    {
        IMethodSymbol method = shape.Method;
        IMethodSymbol signature = method;
        bool userWroteDefinition = shape.UserWroteDefinition;
        INamedTypeSymbol containingType = shape.ContainingTypes[shape.ContainingTypes.Count - 1].Type;
        string? resultType = hasWrapper ? shape.ResultType?.ToDisplayString(s_typeFormat) : null;

        string wrapperName = method.Name + "Async";
        List<ContainingType> containingTypes = ContainingTypes(shape, out string typeFileName);
        string ns = OutermostType(containingType).ContainingNamespace is { IsGlobalNamespace: false } namespaceSymbol
            ? namespaceSymbol.ToDisplayString(s_namespaceFormat)
            : string.Empty;

        // Names the wrapper's locals must not take.
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (IParameterSymbol parameter in signature.Parameters)
        {
            usedNames.Add(parameter.Name);
        }

        foreach (ITypeParameterSymbol typeParameter in method.TypeParameters)
        {
            usedNames.Add(typeParameter.Name);
        }

        for (INamedTypeSymbol? type = containingType; type is not null; type = type.ContainingType)
        {
            foreach (ITypeParameterSymbol typeParameter in type.TypeParameters)
            {
                usedNames.Add(typeParameter.Name);
            }
        }

        List<Parameter> parameters = Parameters(signature, method.IsExtensionMethod, shape.DefaultValues, out List<string> crefTypes, out string? cancellationTokenName);

        string typeParameters = method.TypeParameters.IsEmpty
            ? string.Empty
            : "<" + string.Join(", ", method.TypeParameters.Select(t => CSharpLiterals.Identifier(t.Name))) + ">";
        var constraints = new List<string>();
        foreach (ITypeParameterSymbol typeParameter in method.TypeParameters)
        {
            string? clause = ConstraintClause(typeParameter);
            if (clause is not null)
            {
                constraints.Add(clause);
            }
        }

        string bodyName = CSharpLiterals.Identifier(method.Name);
        string cref = bodyName
            + (method.TypeParameters.IsEmpty ? string.Empty : "{" + string.Join(", ", method.TypeParameters.Select(t => CSharpLiterals.Identifier(t.Name))) + "}")
            + "(" + string.Join(", ", crefTypes) + ")";

        // A parameter named like the body would shadow it: qualify the call then.
        string callee = bodyName + typeParameters;
        if (usedNames.Contains(method.Name))
        {
            callee = (method.IsStatic ? containingType.ToDisplayString(s_typeFormat) : "this") + "." + callee;
        }

        string accessibility = Accessibility(signature.DeclaredAccessibility);
        string wrapperModifiers = method.IsStatic
            ? (accessibility.Length == 0 ? "static" : accessibility + " static")
            : accessibility;

        // A defining declaration takes no 'async' (CS1994 on an async body is the analyzer's CORO004).
        string? definitionModifiers = userWroteDefinition
            ? null
            : string.Join(" ", implementationSyntax.Modifiers.Where(static m => !m.IsKind(SyntaxKind.AsyncKeyword)).Select(m => m.ValueText));

        return new CoroutineMethod(
            TypeKey: containingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Namespace: ns,
            ContainingTypes: new EquatableArray<ContainingType>(containingTypes),
            FileName: (ns.Length == 0 ? string.Empty : ns.Replace("@", string.Empty) + ".") + typeFileName,
            DefinitionModifiers: definitionModifiers,
            ReturnType: method.ReturnType.ToDisplayString(s_typeFormat),
            ReturnsEnumerable: shape.ReturnsEnumerable,
            Name: bodyName,
            TypeParameters: typeParameters,
            Constraints: new EquatableArray<string>(constraints),
            Parameters: new EquatableArray<Parameter>(parameters),
            WrapperModifiers: wrapperModifiers,
            WrapperName: CSharpLiterals.Identifier(wrapperName),
            ResultType: resultType,
            Cref: cref,
            Callee: callee,
            CancellationToken: cancellationTokenName,
            FutureLocal: FreeName("future", usedNames),
            BodyLocal: FreeName("body", usedNames),
            ExceptionLocal: FreeName("exception", usedNames),
            NullableAnnotations: model.GetNullableContext(implementationSyntax.SpanStart).AnnotationsEnabled(),
            HasWrapper: hasWrapper,
            YieldConversions: hasWrapper ? YieldConversionFinder.Find(method, implementationSyntax, model, cancellationToken) : default);
    }

    /// <summary>The parameters as declared, their types as a cref spells them, and the CancellationToken.</summary>
    private static List<Parameter> Parameters(
        IMethodSymbol signature,
        bool isExtension,
        List<string?> defaultValues,
        out List<string> crefTypes,
        out string? cancellationTokenName)
    {
        var parameters = new List<Parameter>(signature.Parameters.Length);
        crefTypes = new List<string>(signature.Parameters.Length);
        cancellationTokenName = null;
        foreach (IParameterSymbol parameter in signature.Parameters)
        {
            string name = CSharpLiterals.Identifier(parameter.Name);
            var declaration = new StringBuilder();
            if (parameter.Ordinal == 0 && isExtension)
            {
                declaration.Append("this ");
            }

            if (parameter.IsParams)
            {
                declaration.Append("params ");
            }

            declaration.Append(parameter.Type.ToDisplayString(s_typeFormat)).Append(' ').Append(name);
            if (defaultValues[parameter.Ordinal] is { } value)
            {
                declaration.Append(" = ").Append(value);
            }

            parameters.Add(new Parameter(declaration.ToString(), name));
            crefTypes.Add(parameter.Type.ToDisplayString(s_crefFormat).Replace('<', '{').Replace('>', '}'));
            if (cancellationTokenName is null && CoroutineShape.IsCancellationToken(parameter.Type))
            {
                cancellationTokenName = name;
            }
        }

        return parameters;
    }

    private static INamedTypeSymbol OutermostType(INamedTypeSymbol type)
    {
        while (type.ContainingType is not null)
        {
            type = type.ContainingType;
        }

        return type;
    }

    /// <summary>The chain of types to redeclare, outermost first, as the shape check found it.</summary>
    private static List<ContainingType> ContainingTypes(CoroutineShape shape, out string fileName)
    {
        var types = new List<ContainingType>(shape.ContainingTypes.Count);
        var fileNames = new List<string>(shape.ContainingTypes.Count);
        foreach ((INamedTypeSymbol type, string keyword) in shape.ContainingTypes)
        {
            string name = CSharpLiterals.Identifier(type.Name);
            string fileNamePart = type.Name;
            if (!type.TypeParameters.IsEmpty)
            {
                name += "<" + string.Join(", ", type.TypeParameters.Select(TypeParameterDeclaration)) + ">";
                fileNamePart += "{" + string.Join(",", type.TypeParameters.Select(t => t.Name)) + "}";
            }

            types.Add(new ContainingType(keyword, name));
            fileNames.Add(fileNamePart);
        }

        fileName = string.Join(".", fileNames);
        return types;
    }

    /// <summary>A type parameter as a partial redeclaration must repeat it: with its variance.</summary>
    private static string TypeParameterDeclaration(ITypeParameterSymbol typeParameter) => typeParameter.Variance switch
    {
        VarianceKind.In => "in " + CSharpLiterals.Identifier(typeParameter.Name),
        VarianceKind.Out => "out " + CSharpLiterals.Identifier(typeParameter.Name),
        _ => CSharpLiterals.Identifier(typeParameter.Name),
    };

    private static string? ConstraintClause(ITypeParameterSymbol typeParameter)
    {
        var constraints = new List<string>();
        if (typeParameter.HasReferenceTypeConstraint)
        {
            constraints.Add(typeParameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (typeParameter.HasUnmanagedTypeConstraint)
        {
            constraints.Add("unmanaged");
        }
        else if (typeParameter.HasValueTypeConstraint)
        {
            constraints.Add("struct");
        }
        else if (typeParameter.HasNotNullConstraint)
        {
            constraints.Add("notnull");
        }

        for (int i = 0; i < typeParameter.ConstraintTypes.Length; i++)
        {
            ITypeSymbol constraint = typeParameter.ConstraintTypes[i];
            if (i < typeParameter.ConstraintNullableAnnotations.Length)
            {
                constraint = constraint.WithNullableAnnotation(typeParameter.ConstraintNullableAnnotations[i]);
            }

            constraints.Add(constraint.ToDisplayString(s_typeFormat));
        }

        if (typeParameter.HasConstructorConstraint)
        {
            constraints.Add("new()");
        }

        return constraints.Count == 0
            ? null
            : "where " + CSharpLiterals.Identifier(typeParameter.Name) + " : " + string.Join(", ", constraints);
    }

    private static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        _ => string.Empty,
    };

    private static string FreeName(string name, HashSet<string> usedNames)
    {
        string candidate = name;
        while (usedNames.Contains(candidate))
        {
            candidate += "_";
        }

        return candidate;
    }
}
