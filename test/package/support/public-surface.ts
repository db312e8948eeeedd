/**
 * Reads the package's public surface from its built declarations (`dist/types/`), with the
 * TypeScript compiler API, as a user's editor sees it: the names each entry of the `exports`
 * map offers, whether each carries TSDoc, and every type of ours those names mention
 * (parameters, results, members, recursively) that no entry lets a user import.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One entry of the `exports` map that has types: `confab-chat/sdk` → `dist/types/sdk/index.d.ts`. */
export interface TypedEntry {
  name: string;
  types: string;
}

/** A type a public name mentions that the user cannot import. */
export interface Unreachable {
  entry: string;
  /** The type, as `file.d.ts#Name`. */
  type: string;
  /** The public name whose declaration leads to it. */
  via: string;
}

export interface PublicSurface {
  /** Every entry's exported names, sorted. */
  names: Record<string, string[]>;
  /** `entry: Name` for each exported name without a TSDoc comment. */
  undocumented: string[];
  unreachable: Unreachable[];
}

/** The entries of `package.json`'s `exports` that declare types. */
export function typedEntries(root: string): TypedEntry[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string | { types?: string }> };
  return Object.entries(manifest.exports).flatMap(([subpath, target]) =>
    typeof target === 'object' && target.types ? [{ name: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`, types: join(root, target.types) }] : [],
  );
}

const TYPE_LIKE = ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Class | ts.SymbolFlags.Enum;

/** Reads the surface of `entries`; `ownDir` is where the package's declarations live (`dist/types`). */
export function readPublicSurface(entries: readonly TypedEntry[], ownDir: string): PublicSurface {
  const program = ts.createProgram(
    entries.map((entry) => entry.types),
    { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'], types: [], noEmit: true, skipLibCheck: true, strict: true },
  );
  const checker = program.getTypeChecker();
  const resolve = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const isOwn = (declaration: ts.Declaration) => !relative(ownDir, declaration.getSourceFile().fileName).startsWith('..');
  const label = (symbol: ts.Symbol) => {
    const declaration = symbol.declarations?.[0];
    return declaration ? `${relative(ownDir, declaration.getSourceFile().fileName)}#${symbol.name}` : symbol.name;
  };

  const exportsOf = new Map<string, ts.Symbol[]>();
  for (const entry of entries) {
    const file = program.getSourceFile(entry.types);
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`${entry.name}: ${entry.types} is missing or is not a module`);
    exportsOf.set(entry.name, checker.getExportsOfModule(moduleSymbol));
  }
  const importable = new Set([...exportsOf.values()].flat().map(resolve));

  const names: Record<string, string[]> = {};
  const undocumented: string[] = [];
  const unreachable: Unreachable[] = [];
  for (const [entry, exported] of exportsOf) {
    names[entry] = exported.map((symbol) => symbol.name).sort();
    for (const symbol of exported) {
      const target = resolve(symbol);
      if (target.getDocumentationComment(checker).length === 0) undocumented.push(`${entry}: ${symbol.name}`);
    }
    const seen = new Set<ts.Symbol>();
    const reported = new Set<ts.Symbol>();
    const walk = (symbol: ts.Symbol, via: string) => {
      if (seen.has(symbol)) return;
      seen.add(symbol);
      for (const declaration of symbol.declarations ?? []) if (isOwn(declaration)) visit(declaration, via);
    };
    /** `named`: the user writes this name to use the type; else only its members matter (a base interface). */
    const mention = (node: ts.Node, via: string, named = true) => {
      const found = checker.getSymbolAtLocation(node);
      if (!found) return;
      const symbol = resolve(found);
      if (!(symbol.flags & TYPE_LIKE) || !symbol.declarations?.some(isOwn)) return;
      if (named && !importable.has(symbol) && !reported.has(symbol)) {
        reported.add(symbol);
        unreachable.push({ entry, type: label(symbol), via });
      }
      walk(symbol, via);
    };
    const visit = (node: ts.Node, via: string): void => {
      // A class's private parts are not the user's business; `#private` marks them in a .d.ts.
      if ((ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node)) && (ts.isPrivateIdentifier(node.name) || ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Private)) return;
      // `typeof schema` inside a type's definition is how that type is computed, not a name a user writes.
      if (ts.isTypeQueryNode(node)) return;
      // `Options['fetch']`: the user writes the member's type, never `Options` itself.
      if (ts.isIndexedAccessTypeNode(node) && ts.isTypeReferenceNode(node.objectType) && ts.isLiteralTypeNode(node.indexType) && ts.isStringLiteral(node.indexType.literal)) {
        const member = checker.getTypeFromTypeNode(node.objectType).getProperty(node.indexType.literal.text);
        for (const declaration of member?.declarations ?? []) if (isOwn(declaration)) visit(declaration, via);
        return;
      }
      if (ts.isTypeReferenceNode(node)) mention(ts.isQualifiedName(node.typeName) ? node.typeName.right : node.typeName, via);
      // An interface's base is seen through the interface's own members; a class's base is named (`instanceof`).
      else if (ts.isExpressionWithTypeArguments(node)) {
        const clause = node.parent;
        mention(ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression, via, !ts.isInterfaceDeclaration(clause.parent));
      } else if (ts.isImportTypeNode(node) && node.qualifier) mention(ts.isQualifiedName(node.qualifier) ? node.qualifier.right : node.qualifier, via);
      ts.forEachChild(node, (child) => visit(child, via));
    };
    for (const symbol of exported) walk(resolve(symbol), symbol.name);
  }
  return { names, undocumented, unreachable };
}
