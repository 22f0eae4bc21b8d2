// shared/sealing is bundled into the contractor's browser as well as run in Lambda, so it may use
// only what both platforms provide. This reads the sources (and everything they import) and
// rejects Node-only modules and globals.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as sealing from '../../shared/sealing/index.ts';

const root = resolve(import.meta.dirname, '../..');
const sealingDir = join(root, 'shared/sealing');
const NODE_ONLY_GLOBALS = new Set([
  'Buffer',
  'process',
  'require',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
]);

interface Finding {
  readonly file: string;
  readonly problem: string;
}

/** Module specifiers and Node-only identifiers used by one source text, from its syntax tree. */
function inspect(file: string, text: string): { imports: string[]; findings: Finding[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const imports: string[] = [];
  const findings: Finding[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      imports.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      imports.push(arg && ts.isStringLiteral(arg) ? arg.text : '<dynamic import>');
    } else if (ts.isIdentifier(node) && NODE_ONLY_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isPropertyName) findings.push({ file, problem: `uses Node-only global ${node.text}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const specifier of imports) {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
      findings.push({ file, problem: `imports non-relative module "${specifier}"` });
    }
  }
  return { imports, findings };
}

/** Follows relative imports from the given files; every reached file must stay inside shared/. */
function scan(entries: readonly string[]): { files: string[]; findings: Finding[] } {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const name = relative(root, file);
    if (!name.startsWith('shared/')) findings.push({ file: name, problem: 'is outside shared/' });
    const result = inspect(name, readFileSync(file, 'utf8'));
    findings.push(...result.findings);
    for (const specifier of result.imports) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
    }
  }
  return { files: [...seen].map((f) => relative(root, f)), findings };
}

describe('shared/sealing portability', () => {
  it('exposes its API from index.ts', () => {
    for (const name of [
      'sealBid',
      'openPriceForm',
      'openDocument',
      'sealStream',
      'openStream',
      'signSubmission',
    ]) {
      expect(typeof (sealing as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('uses no node: modules, npm packages or Node-only globals, transitively', () => {
    const own = readdirSync(sealingDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(sealingDir, f));
    const { files, findings } = scan([join(sealingDir, 'index.ts'), ...own]);
    expect(files).toContain('shared/sealing/index.ts');
    expect(files).toContain('shared/canonical/canonical-json.ts');
    expect(findings).toEqual([]);
  });

  it('would notice violations (checks the checker)', () => {
    const { findings } = inspect(
      'fixture.ts',
      [
        "import { createHash } from 'node:crypto';",
        "export { x } from 'stream';",
        "const m = await import('node:fs');",
        'const b = Buffer.from("x");',
        'const env = process.env;',
        '// Buffer in a comment is fine, as is obj.process and an ArrayBuffer',
        'const ok = new ArrayBuffer(1); const o = { process: 1 }; o.process;',
      ].join('\n'),
    );
    expect(findings.map((f) => f.problem)).toEqual([
      'uses Node-only global Buffer',
      'uses Node-only global process',
      'imports non-relative module "node:crypto"',
      'imports non-relative module "stream"',
      'imports non-relative module "node:fs"',
    ]);
  });
});
