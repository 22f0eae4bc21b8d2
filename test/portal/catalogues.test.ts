// Every UI string lives in the two catalogues: both hold the same keys, every message id the
// components name exists (ids built from a prefix, like `status.${s}`, need at least one key with
// that prefix and every value of a known list), and no component carries literal text in JSX
// or in an attribute people read (aria-label, title, placeholder, alt).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en, enCatalogue, vi, viCatalogue } from './catalogue-files.ts';

const srcDir = join(import.meta.dirname, '..', '..', 'portal', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sources(srcDir).map((path) => ({
  path: relative(srcDir, path),
  text: readFileSync(path, 'utf8'),
}));
const catalogues = { vi, en } as Record<string, Record<string, string>>;

/** Strips comments so that prose in them is not taken for UI text. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Message ids named in the source: id="x", id: 'x', id={'x'}; and template ids' prefixes. */
function messageIds(text: string): { exact: string[]; prefixes: string[] } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const m of text.matchAll(/\bid(?:=|:\s*|=\{\s*)(['"])([a-zA-Z][\w.-]*)\1/g)) {
    const id = m[2] as string;
    // DOM ids (id="filters-heading") have no dot; message ids always do.
    if (id.includes('.')) exact.add(id);
  }
  for (const m of text.matchAll(/\bid(?:=\{|:\s*)`([a-zA-Z][\w.-]*\.)\$\{/g)) prefixes.add(m[1] as string);
  for (const m of text.matchAll(/messages\[`([a-zA-Z][\w.-]*\.)\$\{/g)) prefixes.add(m[1] as string);
  return { exact: [...exact], prefixes: [...prefixes] };
}

describe('portal message catalogues', () => {
  it('define each key in one part only', () => {
    expect([...viCatalogue.duplicates, ...enCatalogue.duplicates]).toEqual([]);
  });

  it('hold the same keys in Vietnamese and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [locale, messages] of Object.entries(catalogues)) {
      for (const [key, value] of Object.entries(messages))
        expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('hold every message id the components name, in both languages', () => {
    const missing: string[] = [];
    for (const file of files) {
      const { exact, prefixes } = messageIds(code(file.text));
      for (const [locale, messages] of Object.entries(catalogues)) {
        for (const id of exact) if (!(id in messages)) missing.push(`${locale}: ${id} (${file.path})`);
        for (const prefix of prefixes) {
          if (!Object.keys(messages).some((key) => key.startsWith(prefix)))
            missing.push(`${locale}: ${prefix}* (${file.path})`);
        }
      }
    }
    expect(missing).toEqual([]);
    // The check itself must see ids: a regex that matched nothing would pass vacuously.
    expect(files.flatMap((f) => messageIds(code(f.text)).exact).length).toBeGreaterThan(50);
  });

  it('translate every value of the enumerations shown by prefix', async () => {
    const { statuses, categories } = await import('../../portal/src/pages/filters.ts');
    const lists: Record<string, readonly string[]> = {
      'status.': statuses,
      'category.': categories,
      'method.': ['open', 'limited', 'competitive-shopping'],
      'contractorStatus.': ['active', 'suspended', 'debarred'],
      'revisions.kind.': ['publication', 'amendment', 'document'],
      'minutes.phase.': ['single', 'technical', 'financial'],
      'language.': ['vi', 'en'],
    };
    for (const messages of Object.values(catalogues)) {
      for (const [prefix, values] of Object.entries(lists)) {
        for (const value of values)
          expect(messages, `${prefix}${value}`).toHaveProperty([`${prefix}${value}`]);
      }
    }
  });

  it('leave no literal UI text in a component', () => {
    const found = files.filter((f) => f.path.endsWith('.tsx')).flatMap((f) => literalTexts(f.path, f.text));
    expect(found).toEqual([]);
  });

  it('the literal-text check does catch literal text', () => {
    const sample = `const A = () => <p aria-label="Close" title={'Tiêu đề'}>Tải xuống{' '}{"Xem thêm"}<b>{x}</b></p>;`;
    expect(literalTexts('sample.tsx', sample)).toEqual([
      'sample.tsx: aria-label="Close"',
      'sample.tsx: title="Tiêu đề"',
      'sample.tsx: "Tải xuống"',
      'sample.tsx: "Xem thêm"',
    ]);
  });
});

const readAttributes = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description']);
const hasLetter = (text: string) => /\p{L}/u.test(text);

/** JSX text, string children and read attributes holding letters, from the TypeScript syntax tree. */
function literalTexts(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetter(node.text)) found.push(`${path}: "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && readAttributes.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer;
      const value = ts.isStringLiteral(init)
        ? init.text
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
          ? init.expression.text
          : undefined;
      if (value !== undefined && hasLetter(value))
        found.push(`${path}: ${node.name.getText(source)}="${value}"`);
    }
    if (
      ts.isJsxExpression(node) &&
      !ts.isJsxAttribute(node.parent) &&
      node.expression &&
      ts.isStringLiteralLike(node.expression) &&
      hasLetter(node.expression.text)
    ) {
      found.push(`${path}: "${node.expression.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
