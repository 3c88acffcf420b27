using System.Collections.Concurrent;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Coro.Tool;

/// <summary>
/// Where an iterator is, in its source, read from the assembly's IL and its portable PDB (beside
/// the assembly or embedded in it) with System.Reflection.Metadata. A suspended iterator's state
/// field (<see cref="RuntimeLayout.IteratorState"/>) holds the number of the <c>yield return</c> it
/// stopped at; the C# compiler writes that number just before returning from <c>MoveNext</c>
/// (<c>ldc.i4 N; stfld &lt;&gt;1__state</c>), so the sequence point covering that store is the line of
/// the <c>yield return</c>. A running frame's IL offset maps to its line the same way.
/// </summary>
internal sealed class SourceLines : IDisposable
{
    private readonly ConcurrentDictionary<string, ModuleSource?> _modules = new(StringComparer.Ordinal);

    /// <summary>The line of the <c>yield return</c> numbered <paramref name="state"/> in the
    /// <c>MoveNext</c> of the iterator type <paramref name="typeToken"/>; null when the assembly or
    /// its PDB cannot be read, or the state is not a yield's.</summary>
    public SourceLocation? OfYield(string? modulePath, int typeToken, int state)
    {
        if (state < 1 || Module(modulePath) is not { } module || module.MoveNext(typeToken) is not { } moveNext)
        {
            return null;
        }

        int? store = module.StateStores(moveNext).Where(store => store.State == state).Select(store => (int?)store.Offset).FirstOrDefault();
        return store is { } offset ? module.LineAt(moveNext, offset) : null;
    }

    /// <summary>The line of IL offset <paramref name="ilOffset"/> in method <paramref name="methodToken"/>.</summary>
    public SourceLocation? OfOffset(string? modulePath, int methodToken, int ilOffset)
    {
        if (ilOffset < 0 || Module(modulePath) is not { } module)
        {
            return null;
        }

        var handle = (MethodDefinitionHandle)MetadataTokens.EntityHandle(methodToken);
        return module.LineAt(handle, ilOffset);
    }

    public void Dispose()
    {
        foreach (ModuleSource? module in _modules.Values)
        {
            module?.Dispose();
        }
    }

    private ModuleSource? Module(string? path) =>
        path is null || !File.Exists(path) ? null : _modules.GetOrAdd(path, ModuleSource.TryOpen);

    private sealed class ModuleSource(PEReader pe, MetadataReaderProvider pdbProvider) : IDisposable
    {
        private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(field => (OpCode)field.GetValue(null)!)
            .ToDictionary(code => code.Value);

        private readonly MetadataReader _metadata = pe.GetMetadataReader();
        private readonly MetadataReader _pdb = pdbProvider.GetMetadataReader();

        public static ModuleSource? TryOpen(string path)
        {
            try
            {
                var pe = new PEReader(File.OpenRead(path));
                if (pe.TryOpenAssociatedPortablePdb(path, pdbPath => File.Exists(pdbPath) ? File.OpenRead(pdbPath) : null, out MetadataReaderProvider? provider, out _) && provider is not null)
                {
                    return new ModuleSource(pe, provider);
                }

                pe.Dispose();
            }
            catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                // no source lines for this module: the tree is still shown
            }

            return null;
        }

        public MethodDefinitionHandle? MoveNext(int typeToken)
        {
            var type = _metadata.GetTypeDefinition((TypeDefinitionHandle)MetadataTokens.EntityHandle(typeToken));
            foreach (MethodDefinitionHandle method in type.GetMethods())
            {
                if (_metadata.StringComparer.Equals(_metadata.GetMethodDefinition(method).Name, "MoveNext"))
                {
                    return method;
                }
            }

            return null;
        }

        /// <summary>Each <c>ldc.i4 N; stfld &lt;&gt;1__state</c> in the method: N and the offset of the store.</summary>
        public IEnumerable<(int State, int Offset)> StateStores(MethodDefinitionHandle method)
        {
            int rva = _metadata.GetMethodDefinition(method).RelativeVirtualAddress;
            byte[] il = pe.GetMethodBody(rva).GetILBytes() ?? [];
            int? lastConstant = null;
            for (int offset = 0; offset < il.Length;)
            {
                int start = offset;
                short value = il[offset] == 0xFE && offset + 1 < il.Length ? (short)(0xFE00 | il[offset + 1]) : il[offset];
                offset += value > 0xFF || value < 0 ? 2 : 1;
                if (!s_opCodes.TryGetValue(value, out OpCode code))
                {
                    yield break; // not IL this reader knows: no line rather than a wrong one
                }

                int operand = OperandSize(code, il, offset);
                int? constant = Constant(code, il, offset);
                if (code == OpCodes.Stfld && lastConstant is { } state && IsStateField(BitConverter.ToInt32(il, offset)))
                {
                    yield return (state, start);
                }

                lastConstant = constant;
                offset += operand;
            }
        }

        public SourceLocation? LineAt(MethodDefinitionHandle method, int ilOffset)
        {
            SequencePoint? best = null;
            foreach (SequencePoint point in _pdb.GetMethodDebugInformation(method.ToDebugInformationHandle()).GetSequencePoints())
            {
                if (point.Offset > ilOffset)
                {
                    break;
                }

                if (!point.IsHidden)
                {
                    best = point;
                }
            }

            return best is { } found ? new SourceLocation(_pdb.GetString(_pdb.GetDocument(found.Document).Name), found.StartLine) : null;
        }

        public void Dispose()
        {
            pdbProvider.Dispose();
            pe.Dispose();
        }

        private bool IsStateField(int token)
        {
            EntityHandle handle = MetadataTokens.EntityHandle(token);
            StringHandle name = handle.Kind switch
            {
                HandleKind.FieldDefinition => _metadata.GetFieldDefinition((FieldDefinitionHandle)handle).Name,
                HandleKind.MemberReference => _metadata.GetMemberReference((MemberReferenceHandle)handle).Name,
                _ => default,
            };
            return !name.IsNil && _metadata.StringComparer.Equals(name, RuntimeLayout.IteratorState);
        }

        private static int? Constant(OpCode code, byte[] il, int operand)
        {
            if (code == OpCodes.Ldc_I4_S)
            {
                return (sbyte)il[operand];
            }

            if (code == OpCodes.Ldc_I4)
            {
                return BitConverter.ToInt32(il, operand);
            }

            return code.Value is >= 0x16 and <= 0x1E ? code.Value - 0x16 : null; // ldc.i4.0 to ldc.i4.8
        }

        private static int OperandSize(OpCode code, byte[] il, int operand) => code.OperandType switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, operand)),
            _ => 4,
        };
    }
}
