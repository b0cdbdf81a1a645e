using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;

namespace ProactiveMessaging.Tests.Architecture;

/// <summary>An edge of the folder graph: folder <see cref="From"/> uses folder <see cref="To"/>.</summary>
internal readonly record struct FolderEdge(string From, string To)
{
    public override string ToString() => $"{From} -> {To}";
}

/// <summary>
/// Finds which folder of the library uses which: from the compiled assembly (every type a type's
/// signatures, base types, attributes and method bodies name) and from the sources' <c>using</c>
/// directives, which also catch a constant whose value the compiler copied into the IL.
/// </summary>
/// <remarks>
/// A folder is named by a function of a type's namespace and outermost type name, so the test decides
/// what counts as a folder; types it maps to <see langword="null"/> (compiler-generated, or outside
/// the library's namespaces) are neither sources nor targets.
/// </remarks>
internal static partial class FolderGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = ReadOpCodes();

    /// <summary>Reads the edges of an assembly, each with one example of a use that makes it.</summary>
    public static Dictionary<FolderEdge, string> FromAssembly(string path, Func<string, string, string?> folderOf)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = new AssemblyReader(pe, folderOf);
        reader.ReadAll();
        return reader.Edges;
    }

    /// <summary>
    /// Reads the edges that the <c>using</c> directives of the C# files below a folder make, the source
    /// folder taken from each file's <c>namespace</c> declaration and file name.
    /// </summary>
    public static Dictionary<FolderEdge, string> FromSources(string root, Func<string, string, string?> folderOf)
    {
        var edges = new Dictionary<FolderEdge, string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string text = File.ReadAllText(file);
            if (NamespacePattern().Match(text) is not { Success: true } declared)
            {
                continue;
            }

            string typeName = Path.GetFileNameWithoutExtension(file).Split('.')[0];
            if (folderOf(declared.Groups["name"].Value, typeName) is not { } from)
            {
                continue;
            }

            foreach (Match used in UsingPattern().Matches(text))
            {
                // A using directive names a namespace (or a type, with 'static' or an alias), so the
                // folder is that of a type in it; the last part decides only for the root's own types.
                string name = used.Groups["name"].Value;
                string[] parts = name.Split('.');
                string? to = folderOf(name, string.Empty) ?? folderOf(string.Join('.', parts[..^1]), parts[^1]);
                if (to is not null && to != from)
                {
                    edges.TryAdd(new FolderEdge(from, to), $"{relative}: using {name}");
                }
            }
        }

        return edges;
    }

    /// <summary>Finds one cycle among the edges, as the folders in order, or an empty list when there is none.</summary>
    public static ImmutableArray<string> FindCycle(IEnumerable<FolderEdge> edges)
    {
        var next = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (FolderEdge edge in edges)
        {
            if (!next.TryGetValue(edge.From, out SortedSet<string>? targets))
            {
                next[edge.From] = targets = new SortedSet<string>(StringComparer.Ordinal);
            }

            targets.Add(edge.To);
        }

        // Depth-first search with three colours: a grey folder is on the current path, so reaching one
        // again closes a cycle, which the path then spells out.
        var state = new Dictionary<string, bool>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (string start in next.Keys)
        {
            if (!state.ContainsKey(start) && Visit(start) is { IsDefault: false } cycle)
            {
                return cycle;
            }
        }

        return [];

        ImmutableArray<string> Visit(string folder)
        {
            state[folder] = true;
            path.Add(folder);
            if (next.TryGetValue(folder, out SortedSet<string>? targets))
            {
                foreach (string target in targets)
                {
                    if (state.TryGetValue(target, out bool onPath))
                    {
                        if (onPath)
                        {
                            return [.. path[path.IndexOf(target)..], target];
                        }

                        continue;
                    }

                    if (Visit(target) is { IsDefault: false } cycle)
                    {
                        return cycle;
                    }
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = false;
            return default;
        }
    }

    private static Dictionary<short, OpCode> ReadOpCodes()
    {
        var codes = new Dictionary<short, OpCode>();
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode code)
            {
                codes[code.Value] = code;
            }
        }

        return codes;
    }

    [GeneratedRegex(@"ProactiveMessaging(?:\.\w+)+(?:\+\w+)*")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingPattern();

    private sealed class AssemblyReader(PEReader pe, Func<string, string, string?> folderOf)
        : ISignatureTypeProvider<bool, object?>
    {
        private readonly MetadataReader _metadata = pe.GetMetadataReader();
        private readonly Dictionary<string, TypeDefinitionHandle> _typesByName = new(StringComparer.Ordinal);
        private string? _from;
        private string _user = string.Empty;

        public Dictionary<FolderEdge, string> Edges { get; } = [];

        public void ReadAll()
        {
            foreach (TypeDefinitionHandle handle in _metadata.TypeDefinitions)
            {
                _typesByName[FullName(handle)] = handle;
            }

            foreach (TypeDefinitionHandle handle in _metadata.TypeDefinitions)
            {
                _from = FolderOf(handle);
                if (_from is null)
                {
                    continue;
                }

                _user = FullName(handle);
                ReadType(handle);
            }
        }

        private void ReadType(TypeDefinitionHandle handle)
        {
            TypeDefinition type = _metadata.GetTypeDefinition(handle);
            Use(type.BaseType);
            foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
            {
                Use(_metadata.GetInterfaceImplementation(implementation).Interface);
            }

            ReadGenericParameters(type.GetGenericParameters());
            ReadAttributes(type.GetCustomAttributes());
            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = _metadata.GetFieldDefinition(fieldHandle);
                field.DecodeSignature(this, null);
                ReadAttributes(field.GetCustomAttributes());
            }

            foreach (PropertyDefinitionHandle propertyHandle in type.GetProperties())
            {
                PropertyDefinition property = _metadata.GetPropertyDefinition(propertyHandle);
                property.DecodeSignature(this, null);
                ReadAttributes(property.GetCustomAttributes());
            }

            foreach (EventDefinitionHandle eventHandle in type.GetEvents())
            {
                EventDefinition definition = _metadata.GetEventDefinition(eventHandle);
                Use(definition.Type);
                ReadAttributes(definition.GetCustomAttributes());
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                ReadMethod(_metadata.GetMethodDefinition(methodHandle));
            }

            foreach (MethodImplementationHandle implementationHandle in type.GetMethodImplementations())
            {
                Use(_metadata.GetMethodImplementation(implementationHandle).MethodDeclaration);
            }
        }

        private void ReadMethod(MethodDefinition method)
        {
            method.DecodeSignature(this, null);
            ReadAttributes(method.GetCustomAttributes());
            ReadGenericParameters(method.GetGenericParameters());
            foreach (ParameterHandle parameter in method.GetParameters())
            {
                ReadAttributes(_metadata.GetParameter(parameter).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                Use(body.LocalSignature);
            }

            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                if (!region.CatchType.IsNil)
                {
                    Use(region.CatchType);
                }
            }

            ReadInstructions(body.GetILReader());
        }

        private void ReadInstructions(BlobReader il)
        {
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                OpCode code = OpCodesByValue[value];
                switch (code.OperandType)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                    case OperandType.InlineSig:
                        Use(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineI:
                    case OperandType.ShortInlineR:
                    case OperandType.InlineString:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    default:
                        break;
                }
            }
        }

        private void ReadGenericParameters(GenericParameterHandleCollection parameters)
        {
            foreach (GenericParameterHandle handle in parameters)
            {
                foreach (GenericParameterConstraintHandle constraint in _metadata.GetGenericParameter(handle).GetConstraints())
                {
                    Use(_metadata.GetGenericParameterConstraint(constraint).Type);
                }
            }
        }

        private void ReadAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (CustomAttributeHandle handle in attributes)
            {
                CustomAttribute attribute = _metadata.GetCustomAttribute(handle);
                Use(attribute.Constructor);

                // typeof(...) arguments, such as a serialization context's types, are stored as type names
                // in the attribute's blob; a name counts when it is one of the assembly's types.
                string blob = Encoding.UTF8.GetString(_metadata.GetBlobBytes(attribute.Value));
                foreach (Match name in TypeNamePattern().Matches(blob))
                {
                    if (_typesByName.TryGetValue(name.Value, out TypeDefinitionHandle used))
                    {
                        Add(used);
                    }
                }
            }
        }

        private void Use(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    Add((TypeDefinitionHandle)handle);
                    break;
                case HandleKind.TypeSpecification:
                    _metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition:
                    Add(_metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.FieldDefinition:
                    Add(_metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                    break;
                case HandleKind.MemberReference:
                    MemberReference member = _metadata.GetMemberReference((MemberReferenceHandle)handle);
                    Use(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    MethodSpecification specification = _metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Use(specification.Method);
                    specification.DecodeSignature(this, null);
                    break;
                case HandleKind.StandaloneSignature:
                    StandaloneSignature signature = _metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.LocalVariables)
                    {
                        signature.DecodeLocalSignature(this, null);
                    }
                    else
                    {
                        signature.DecodeMethodSignature(this, null);
                    }

                    break;
                default:
                    // Type references name other assemblies' types, which are not folders of this one.
                    break;
            }
        }

        private void Add(TypeDefinitionHandle handle) => Add(FolderOf(handle), FullName(handle));

        private void Add(string? to, string used)
        {
            if (_from is not null && to is not null && to != _from)
            {
                Edges.TryAdd(new FolderEdge(_from, to), $"{_user} uses {used}");
            }
        }

        private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
        {
            TypeDefinition type = _metadata.GetTypeDefinition(handle);
            return type.GetDeclaringType() is { IsNil: false } declaring ? Outermost(declaring) : handle;
        }

        private string? FolderOf(TypeDefinitionHandle handle)
        {
            TypeDefinition outer = _metadata.GetTypeDefinition(Outermost(handle));
            return folderOf(_metadata.GetString(outer.Namespace), _metadata.GetString(outer.Name));
        }

        private string FullName(TypeDefinitionHandle handle)
        {
            TypeDefinition type = _metadata.GetTypeDefinition(handle);
            string name = _metadata.GetString(type.Name);
            return type.GetDeclaringType() is { IsNil: false } declaring
                ? FullName(declaring) + "+" + name
                : _metadata.GetString(type.Namespace) + "." + name;
        }

        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            Add(handle);
            return true;
        }

        public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
            return true;
        }

        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => true;

        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => true;

        public bool GetSZArrayType(bool elementType) => true;

        public bool GetArrayType(bool elementType, ArrayShape shape) => true;

        public bool GetByReferenceType(bool elementType) => true;

        public bool GetPointerType(bool elementType) => true;

        public bool GetPinnedType(bool elementType) => true;

        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => true;

        public bool GetGenericTypeParameter(object? genericContext, int index) => true;

        public bool GetGenericMethodParameter(object? genericContext, int index) => true;

        public bool GetFunctionPointerType(MethodSignature<bool> signature) => true;

        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => true;
    }
}
