using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RstLab.Cli.Apps;

/// <summary>A notebook's C# cells made one scope: a kernel lets a cell declare a name an earlier cell declared (the new one hides the old),
/// and lets a block reuse a cell's name; the statements of one program may not, so such variables are renamed (<c>at</c>, <c>at2</c>...).</summary>
/// <remarks>The C# compiler binds each name as the kernel does (each cell a script submission on top of the ones before), so a rename reaches
/// exactly the uses of that declaration.</remarks>
internal static class CellScope
{
    static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The cells with clashing top-level names renamed; <paramref name="usings"/> are the namespaces the kernel imports, <paramref name="references"/> the assemblies it references.</summary>
    public static IReadOnlyList<string> Unshadow(IReadOnlyList<string> cells, IEnumerable<string> usings, IEnumerable<MetadataReference> references)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: usings);
        var trees = cells.Select(c => CSharpSyntaxTree.ParseText(c, Script)).ToList();
        var models = new List<SemanticModel>();
        var submissions = new List<INamedTypeSymbol?>();
        CSharpCompilation? previous = null;
        var referenced = references.ToList();
        foreach (var (tree, i) in trees.Select((t, i) => (t, i)))
        {
            previous = CSharpCompilation.CreateScriptCompilation($"Cell{i}", tree, referenced, options, previous);
            models.Add(previous.GetSemanticModel(tree));
            // A cell that does not compile would stop the kernel too; the compiler cannot bind the cells after it.
            if (previous.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
                throw new InvalidDataException($"C# cell {i + 1} (after the first) does not compile: {error.GetMessage()} (line {error.Location.GetLineSpan().StartLinePosition.Line + 1}): {tree.GetText().Lines[error.Location.GetLineSpan().StartLinePosition.Line]}");
            submissions.Add(previous.ScriptClass);
        }

        // Every top-level declaration (cell, name) with its identifier's place, every use of one, and every name a block or lambda declares.
        var uses = new List<(int Cell, TextSpan Span, (int Cell, string Name) Declared)>();
        var declared = new List<(int Cell, string Name)>();
        var nested = new HashSet<string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < trees.Count; i++)
        {
            var model = models[i];
            foreach (var token in trees[i].GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
            {
                taken.Add(token.ValueText);
                var symbol = token.Parent is IdentifierNameSyntax name
                    ? model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault()
                    : token.Parent is { } parent && IsDeclaration(parent) ? model.GetDeclaredSymbol(parent) : null;
                if (symbol is ILocalSymbol or IParameterSymbol || symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction })
                {
                    if (token.Parent is not IdentifierNameSyntax)
                        nested.Add(symbol.Name);
                    continue;
                }
                if (symbol is not (IFieldSymbol or IMethodSymbol) || symbol.ContainingType is not { IsScriptClass: true } script)
                    continue;
                var cell = submissions.FindIndex(s => SymbolEqualityComparer.Default.Equals(s, script));
                if (cell < 0) continue;
                if (token.Parent is not IdentifierNameSyntax)
                    declared.Add((cell, symbol.Name));
                uses.Add((i, token.Span, (cell, symbol.Name)));
            }
        }

        var renamed = new Dictionary<(int Cell, string Name), string>();
        foreach (var group in declared.Distinct().GroupBy(d => d.Name))
        {
            var clashes = group.OrderBy(d => d.Cell).ToList();
            if (clashes.Count == 1 && !nested.Contains(group.Key)) continue;
            for (var k = nested.Contains(group.Key) ? 0 : 1; k < clashes.Count; k++)
            {
                var number = k + 1;
                while (taken.Contains(group.Key + number)) number++;
                taken.Add(group.Key + number);
                renamed[clashes[k]] = group.Key + number;
            }
        }

        return cells.Select((code, i) =>
        {
            foreach (var (_, span, what) in uses.Where(u => u.Cell == i && renamed.ContainsKey(u.Declared)).OrderByDescending(u => u.Span.Start))
                code = code[..span.Start] + renamed[what] + code[span.End..];
            return code;
        }).ToList();
    }

    static bool IsDeclaration(SyntaxNode node) => node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ParameterSyntax
        or ForEachStatementSyntax or CatchDeclarationSyntax or MethodDeclarationSyntax or LocalFunctionStatementSyntax;
}
