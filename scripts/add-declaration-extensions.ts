/**
 * Gives every relative import in the built declarations (`dist/types/`) its file: `./outbox`
 * becomes `./outbox.js`, `./config` `./config/index.js`. The sources import without
 * extensions (bundler resolution), and tsc copies them as written; a user whose tsconfig
 * resolves as Node does (`"moduleResolution": "node16"` / `"nodenext"`) would otherwise get
 * every type behind them as `any`, which `@arethetypeswrong/cli` reports. Run by `npm run build`
 * after tsc; a specifier that points at no declaration fails the build.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/** The `.js` specifier for `specifier` as written in `file`; unchanged when it is not relative or has its file. */
function withFile(file: string, specifier: string): string {
  if (!/^\.\.?(\/|$)/.test(specifier) || specifier.endsWith('.js')) return specifier;
  const target = resolve(dirname(file), specifier);
  if (existsSync(`${target}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index.js`;
  throw new Error(`${file}: '${specifier}' names no declaration file`);
}

/** The string literals of `source` that name a module: imports, re-exports and `import("…")` types. */
function moduleSpecifiers(source: ts.SourceFile): ts.StringLiteral[] {
  const found: ts.StringLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Rewrites one declaration file in place; returns how many specifiers changed. */
function rewrite(file: string): number {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  let changed = 0;
  let output = text;
  // From the end, so earlier positions stay valid.
  for (const literal of moduleSpecifiers(source).sort((a, b) => b.getStart(source) - a.getStart(source))) {
    const next = withFile(file, literal.text);
    if (next === literal.text) continue;
    changed++;
    output = `${output.slice(0, literal.getStart(source) + 1)}${next}${output.slice(literal.getEnd() - 1)}`;
  }
  if (changed) writeFileSync(file, output);
  return changed;
}

function declarationsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? declarationsUnder(path) : entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const dir = resolve(process.argv[2] ?? 'dist/types');
const files = declarationsUnder(dir);
const changed = files.reduce((sum, file) => sum + rewrite(file), 0);
console.log(`declarations: ${changed} relative imports in ${files.length} files given their .js file`);
