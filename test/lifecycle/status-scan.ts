// A source scan for writes of a lifecycle's state outside shared/lifecycle/. It parses each .ts file
// under shared/ and functions/ (the TypeScript parser, no type checker) and reports:
//   spread     an object literal that spreads a record and sets `status` or `stage` in it
//              (`{ ...tender, status: 'closed' }`, `{ ...t, status, version }`): a stored record
//              rewritten in a new state;
//   literal    a `status:` / `stage:` property set to a state of one of the lifecycles
//              (`status: 'draft'`, `stage: 'entries'`): a new record born in a state;
//   update     a string that SETs `status` / `#status` / `stage` / `#stage` (an UpdateExpression);
//   meta       a call of metaItem / writeTender / saveTender, which write a tender's META item
//              with whatever status the object carries (only the tender writer may call them).
// Findings that are not a lifecycle's state are listed in `exempt` below with the
// reason: views (the OCDS release, an HTTP status, a query filter), each by file, rule and text.
// A state set from its table (`status: xLifecycle.next(transition, current)`) is a write through
// the lifecycle, and so is an Update built by shared/lifecycle/state-update.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { lifecycles } from '../../shared/lifecycle/tables.ts';

export type Rule = 'spread' | 'literal' | 'update' | 'meta';

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: Rule;
  readonly text: string;
}

// Every state of the lifecycles, from their tables: a state added there is scanned for at once.
const states = new Set<string>(lifecycles.flatMap((l) => l.states));

const anyRule = (file: string, why: string) =>
  (['spread', 'literal', 'update'] as const).map((rule) => ({ file, rule, text: '', why }));

/** Findings that are not a lifecycle's state, each with why: file, rule and the finding's text. */
export const exempt: readonly {
  readonly file: string;
  readonly rule: Rule;
  readonly text: string;
  readonly why: string;
}[] = [
  {
    file: 'shared/tenders/tender-store.ts',
    rule: 'meta',
    text: '',
    why: 'the tender entity: metaItem/writeTender/saveTender are the writers shared/lifecycle calls',
  },
  {
    file: 'shared/tenders/tender-store.ts',
    rule: 'spread',
    text: 'status: t.status',
    why: 'the summary view',
  },
  { file: 'shared/http/problem.ts', rule: 'spread', text: 'status: this.status', why: 'an HTTP status code' },
  {
    file: 'functions/oversight/status-history.ts',
    rule: 'spread',
    text: 'status: ContractorStatus.parse(',
    why: "a view: a contractor's status history read back from its audit events, nothing stored",
  },
  {
    file: 'shared/opening/open-envelope.ts',
    rule: 'spread',
    text: "status: 'invalid'",
    why: "a bid's opening outcome (valid, invalid), listed in the minutes, not a stored state",
  },
  {
    file: 'shared/opening/open-envelope.ts',
    rule: 'spread',
    text: "status: 'unconfirmed'",
    why: 'a bid not confirmed after an amendment: an opening outcome listed in the minutes, not a stored state',
  },
  {
    file: 'shared/opening/open-tender.ts',
    rule: 'literal',
    text: "status: 'no-bids'",
    why: "the opener's result (OpeningResult) for a tender closed with no bid, not a stored state",
  },
  {
    file: 'shared/bids/bid-log-events.ts',
    rule: 'literal',
    text: "status: 'pending'",
    why: "an audit event's integration into the log (a view)",
  },
  {
    file: 'functions/tenders-public/handler.ts',
    rule: 'literal',
    text: "status: 'answered'",
    why: 'a query filter for answered questions',
  },
  {
    file: 'shared/opening/safety-net.ts',
    rule: 'literal',
    text: "status: 'evaluating'",
    why: 'the byStatus partition it reads',
  },
  {
    file: 'functions/evaluation/handler.ts',
    rule: 'spread',
    text: 'stage: evaluation.stage',
    why: "the evaluation's API view",
  },
  {
    file: 'shared/bids/bid-store.ts',
    rule: 'spread',
    text: 'status: version.status',
    why: "the bidder's own view of a stored version (toBidView)",
  },
  {
    file: 'shared/tenders/document-store.ts',
    rule: 'spread',
    text: 'status: record.status',
    why: "a document's API view",
  },
  {
    file: 'shared/tenders/question-store.ts',
    rule: 'spread',
    text: 'status: record.status',
    why: "a question's API view",
  },
  {
    file: 'shared/tenders/question-store.ts',
    rule: 'literal',
    text: "status: 'answered'",
    why: 'a query filter for answered questions',
  },
  {
    file: 'functions/accounts/handler.ts',
    rule: 'spread',
    text: 'status: ',
    why: "a user's status as Cognito reports it (an API view: Cognito holds the account's state)",
  },
  // Public OCDS releases: a view built on read, never stored.
  ...anyRule('shared/ocds/bids-section.ts', 'the OCDS release (a view, never stored)'),
  ...anyRule('shared/ocds/releases.ts', 'the OCDS release (a view, never stored)'),
  ...anyRule('shared/ocds/tender-section.ts', 'the OCDS release (a view, never stored)'),
  {
    file: 'shared/evaluation/evaluate.ts',
    rule: 'literal',
    text: "status: 'ranked'",
    why: "the evaluation report's per-bid outcome, not the evaluation's stage",
  },
  {
    file: 'shared/audit-log/integration-status.ts',
    rule: 'spread',
    text: "status: 'integrated'",
    why: "an audit event's integration into the log (a view)",
  },
];

const isExempt = (f: Finding) =>
  exempt.some((e) => e.file === f.file && e.rule === f.rule && f.text.includes(e.text));

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const stateProperty = (p: ts.ObjectLiteralElementLike) =>
  (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
  (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
  (p.name.text === 'status' || p.name.text === 'stage');

const fromTable = (p: ts.ObjectLiteralElementLike) =>
  ts.isPropertyAssignment(p) &&
  ts.isCallExpression(p.initializer) &&
  ts.isPropertyAccessExpression(p.initializer.expression) &&
  p.initializer.expression.name.text === 'next' &&
  ts.isIdentifier(p.initializer.expression.expression) &&
  p.initializer.expression.expression.text.endsWith('Lifecycle');

const setsState = /\bSET\b[\s\S]*?(?:^|[\s,])#?(?:status|stage)\s*=/;
const metaWriters = new Set(['metaItem', 'writeTender', 'saveTender']);

export function scanFile(root: string, path: string): Finding[] {
  const file = relative(root, path);
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: Finding[] = [];
  const report = (node: ts.Node, rule: Rule) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const finding = { file, line, rule, text: node.getText(source).split('\n')[0]?.slice(0, 100) ?? '' };
    if (!isExempt(finding)) found.push(finding);
  };
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const spreads = node.properties.some(ts.isSpreadAssignment);
      for (const p of node.properties.filter(stateProperty)) {
        // `status: bidVersionLifecycle.next('withdraw', version.status)`: the state comes from the
        // table, checked against the state read: a write through the lifecycle.
        if (fromTable(p)) continue;
        if (spreads) report(p, 'spread');
        else if (
          ts.isPropertyAssignment(p) &&
          (ts.isStringLiteral(p.initializer) || ts.isNoSubstitutionTemplateLiteral(p.initializer)) &&
          states.has(p.initializer.text)
        ) {
          report(p, 'literal');
        }
      }
    }
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateExpression(node)) &&
      setsState.test(node.getText(source))
    ) {
      report(node, 'update');
    }
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      metaWriters.has(node.expression.text)
    ) {
      report(node, 'meta');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every finding under `root`'s shared/ and functions/, shared/lifecycle/ excepted. */
export function statusWrites(root: string): Finding[] {
  return ['shared', 'functions'].flatMap((dir) =>
    [...sourceFiles(join(root, dir))]
      .filter((path) => !relative(root, path).startsWith(join('shared', 'lifecycle')))
      .flatMap((path) => scanFile(root, path)),
  );
}
