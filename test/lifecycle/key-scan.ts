// A source scan for DynamoDB key strings built outside the entity declarations. It parses every .ts
// file under shared/, functions/, test/ and bench/ and reports:
//   prefix  a string or template that starts with a key prefix: capitals, then `#`
//           (`TENDER#${id}`, 'BID#', `STATUS#${status}`, 'SIGNING_KEY#');
//   key     a `pk` / `sk` / `gsiNpk` / `gsiNsk` property (or a `:pk`-style value) set to a
//           capitalised constant ({ pk, sk: 'META' }, { sk: 'PROFILE' }, { gsi1pk: 'CONTRACTOR' }).
// Keys are declared once, in shared/entities/ (with shared/entities/define-entity.ts), and the log table's in
// shared/audit-log/log-keys.ts; everything else, tests and benchmarks included, goes through them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface KeyFinding {
  readonly file: string;
  readonly line: number;
  readonly rule: 'prefix' | 'key';
  readonly text: string;
}

const declarations = [
  'shared/entities/',
  'shared/audit-log/log-keys.ts',
  // The declarations' own test: it pins the stored format, so stored data stays readable.
  'test/lifecycle/key-strings.test.ts',
];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'results') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const keyPrefix = /^[A-Z][A-Z0-9_]*#/;
// Scratch items of tests that try the platform itself (a table of their own, no entity of the
// data model): test/audit-log/audit-log-api.test.ts, test/local-runtime's SQS consumers.
const scratch = /^(TEST|MSG)(#|$)/;
const constantKey = /^[A-Z][A-Z0-9_]+$/;
// Table keys and index keys (gsi1pk, gsi2sk, …), as properties or expression values.
const keyName = /^:?(?:pk|sk|gsi\d+pk|gsi\d+sk)$/;

export function scanKeys(root: string, path: string): KeyFinding[] {
  const file = relative(root, path);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: KeyFinding[] = [];
  const report = (node: ts.Node, rule: KeyFinding['rule']) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, rule, text: node.getText(source).split('\n')[0]?.slice(0, 100) ?? '' });
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
      if (keyPrefix.test(node.text) && !scratch.test(node.text)) report(node, 'prefix');
    }
    if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      keyName.test(node.name.text) &&
      ts.isStringLiteral(node.initializer) &&
      constantKey.test(node.initializer.text) &&
      !scratch.test(node.initializer.text)
    ) {
      report(node, 'key');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function keyStrings(root: string): KeyFinding[] {
  return ['shared', 'functions', 'test', 'bench'].flatMap((dir) =>
    [...sourceFiles(join(root, dir))]
      .filter((path) => !declarations.some((d) => relative(root, path).startsWith(d)))
      .flatMap((path) => scanKeys(root, path)),
  );
}
