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
/// Turns a method marked <c>[Coroutine]</c> into a <see cref="CoroutineMethod"/>, or into null when
/// its shape is wrong (not a partial iterator of a partial type, and so on). It reports nothing:
/// the analyzers (CORO004) explain wrong shapes; here they simply get no output.
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

    private static readonly DisplayCache s_types = new(s_typeFormat);
    private static readonly DisplayCache s_crefTypes = new(s_crefFormat);
    private static readonly DisplayCache s_namespaces = new(s_namespaceFormat);
    private static readonly DisplayCache s_typeKeys = new(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>
    /// The transform of <c>ForAttributeWithMetadataName</c>. Never throws: a bug in here must not
    /// break the user's build (CS8785), so in release builds it means "no output" instead.
    /// </summary>
    public static CoroutineMethod? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return ParseCore(context, cancellationToken);
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

    private static CoroutineMethod? ParseCore(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is not MethodDeclarationSyntax node
            || context.TargetSymbol is not IMethodSymbol method
            || method.MethodKind != MethodKind.Ordinary
            || method.ContainingType is not INamedTypeSymbol containingType
            || !node.Modifiers.Any(SyntaxKind.PartialKeyword)
            || !EveryContainingTypeIsPartial(node))
        {
            return null;
        }

        // Find both halves of the partial method. A defining declaration without an implementation
        // is skipped: there is no body yet to tell whether it is an iterator.
        MethodDeclarationSyntax? implementationSyntax;
        IMethodSymbol signature;
        bool userWroteDefinition;
        if (node.Body is null && node.ExpressionBody is null)
        {
            if (method.PartialImplementationPart is not IMethodSymbol implementation)
            {
                return null;
            }

            implementationSyntax = FirstDeclaration(implementation, cancellationToken);
            signature = method;
            userWroteDefinition = true;
        }
        else
        {
            implementationSyntax = node;
            signature = method.PartialDefinitionPart ?? method;
            userWroteDefinition = method.PartialDefinitionPart is not null;
        }

        if (implementationSyntax?.Body is not BlockSyntax body
            || implementationSyntax.Modifiers.Any(SyntaxKind.AsyncKeyword)
            || method.IsAsync
            || !IsIterator(body))
        {
            return null;
        }

        bool? returnsEnumerable = ReturnsEnumerable(method);
        if (returnsEnumerable is null || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return null;
        }

        // The result type, and exactly one of [Coroutine] / [Coroutine<T>] on the method.
        string? resultType = null;
        if (context.Attributes.Length != 1 || CountCoroutineAttributes(method) != 1)
        {
            return null;
        }

        INamedTypeSymbol? attributeClass = context.Attributes[0].AttributeClass;
        if (attributeClass is { IsGenericType: true })
        {
            if (attributeClass.TypeArguments.Length != 1 || attributeClass.TypeArguments[0].TypeKind == TypeKind.Error)
            {
                return null;
            }

            resultType = s_types.Of(attributeClass.TypeArguments[0]);
        }
        else if (ResultTypeName.Of(context.Attributes[0]) is { } named)
        {
            // [Coroutine(ResultType = "List<T>")]: a result type that uses type parameters.
            if (ResultTypeName.Bind(named, context.SemanticModel, node) is not { } bound)
            {
                return null; // CORO004 says the string names no type
            }

            resultType = s_types.Of(bound);
        }

        // The wrapper's name must be free in the type.
        string wrapperName = method.Name + "Async";
        if (!containingType.GetMembers(wrapperName).IsEmpty)
        {
            return null;
        }

        List<ContainingType>? containingTypes = ContainingTypes(containingType, out string typeFileName);
        if (containingTypes is null)
        {
            return null;
        }

        string ns = OutermostType(containingType).ContainingNamespace is { IsGlobalNamespace: false } namespaceSymbol
            ? s_namespaces.Of(namespaceSymbol)
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

        if (!TryParameters(signature, method.IsExtensionMethod, out List<Parameter> parameters, out List<string> crefTypes, out string? cancellationTokenName))
        {
            return null;
        }

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
            callee = (method.IsStatic ? s_types.Of(containingType) : "this") + "." + callee;
        }

        string accessibility = Accessibility(signature.DeclaredAccessibility);
        string wrapperModifiers = method.IsStatic
            ? (accessibility.Length == 0 ? "static" : accessibility + " static")
            : accessibility;

        string? definitionModifiers = userWroteDefinition
            ? null
            : string.Join(" ", implementationSyntax.Modifiers.Select(m => m.ValueText));

        return new CoroutineMethod(
            TypeKey: s_typeKeys.Of(containingType),
            Namespace: ns,
            ContainingTypes: new EquatableArray<ContainingType>(containingTypes),
            FileName: (ns.Length == 0 ? string.Empty : ns.Replace("@", string.Empty) + ".") + typeFileName,
            DefinitionModifiers: definitionModifiers,
            ReturnType: s_types.Of(method.ReturnType),
            ReturnsEnumerable: returnsEnumerable.Value,
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
            NullableAnnotations: context.SemanticModel.GetNullableContext(node.SpanStart).AnnotationsEnabled());
    }

    /// <summary>The parameters as declared, their types as a cref spells them, and the CancellationToken.</summary>
    private static bool TryParameters(
        IMethodSymbol signature,
        bool isExtension,
        out List<Parameter> parameters,
        out List<string> crefTypes,
        out string? cancellationTokenName)
    {
        parameters = new List<Parameter>(signature.Parameters.Length);
        crefTypes = new List<string>(signature.Parameters.Length);
        cancellationTokenName = null;
        foreach (IParameterSymbol parameter in signature.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                return false; // iterators take no ref, out or in parameters
            }

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

            declaration.Append(s_types.Of(parameter.Type)).Append(' ').Append(name);
            if (parameter.HasExplicitDefaultValue)
            {
                string? value = CSharpLiterals.DefaultValue(parameter.Type, parameter.ExplicitDefaultValue, s_typeFormat);
                if (value is null)
                {
                    return false;
                }

                declaration.Append(" = ").Append(value);
            }

            parameters.Add(new Parameter(declaration.ToString(), name));
            crefTypes.Add(s_crefTypes.Of(parameter.Type).Replace('<', '{').Replace('>', '}'));
            if (cancellationTokenName is null && IsCancellationToken(parameter.Type))
            {
                cancellationTokenName = name;
            }
        }

        return true;
    }

    private static bool EveryContainingTypeIsPartial(MethodDeclarationSyntax node)
    {
        if (node.Parent is not TypeDeclarationSyntax)
        {
            return false;
        }

        for (SyntaxNode? parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case TypeDeclarationSyntax type when !type.Modifiers.Any(SyntaxKind.PartialKeyword):
                    return false;
                case TypeDeclarationSyntax:
                case BaseNamespaceDeclarationSyntax:
                case CompilationUnitSyntax:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private static MethodDeclarationSyntax? FirstDeclaration(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration;
            }
        }

        return null;
    }

    /// <summary>Whether the block yields, not counting lambdas and local functions inside it.</summary>
    private static bool IsIterator(BlockSyntax body) =>
        body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(static n => n is YieldStatementSyntax);

    /// <summary>True for IEnumerable and IEnumerable&lt;T&gt;, false for the enumerators, null otherwise.</summary>
    private static bool? ReturnsEnumerable(IMethodSymbol method) => method.ReturnType.OriginalDefinition.SpecialType switch
    {
        SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_Generic_IEnumerable_T => true,
        SpecialType.System_Collections_IEnumerator or SpecialType.System_Collections_Generic_IEnumerator_T => false,
        _ => null,
    };

    private static int CountCoroutineAttributes(IMethodSymbol method)
    {
        int count = 0;
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "CoroutineAttribute", ContainingNamespace: { Name: "Coro", ContainingNamespace.IsGlobalNamespace: true } })
            {
                count++;
            }
        }

        return count;
    }

    private static INamedTypeSymbol OutermostType(INamedTypeSymbol type)
    {
        while (type.ContainingType is not null)
        {
            type = type.ContainingType;
        }

        return type;
    }

    /// <summary>The chain of types to redeclare, outermost first, or null if one cannot be redeclared.</summary>
    private static List<ContainingType>? ContainingTypes(INamedTypeSymbol innermost, out string fileName)
    {
        var types = new List<ContainingType>();
        var fileNames = new List<string>();
        for (INamedTypeSymbol? type = innermost; type is not null; type = type.ContainingType)
        {
            string? keyword = type.TypeKind switch
            {
                TypeKind.Class => type.IsRecord ? "record" : "class",
                TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => null,
            };
            if (keyword is null || OlderRoslyn.IsFileLocal(type))
            {
                // A file-local type cannot be extended from the generated file.
                fileName = string.Empty;
                return null;
            }

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

        types.Reverse();
        fileNames.Reverse();
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

            constraints.Add(s_types.Of(constraint));
        }

        if (typeParameter.HasConstructorConstraint)
        {
            constraints.Add("new()");
        }

        return constraints.Count == 0
            ? null
            : "where " + CSharpLiterals.Identifier(typeParameter.Name) + " : " + string.Join(", ", constraints);
    }

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", IsGenericType: false }
        && type.ContainingNamespace is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

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
