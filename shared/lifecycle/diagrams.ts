// The README's lifecycle section, rendered from the transition tables: one Mermaid state diagram
// per aggregate and the table of its transitions' guards and effects. `npm run diagrams` writes it
// between the markers; test/lifecycle/diagrams.test.ts fails when the README differs.
import { type Lifecycle, START, type TransitionSpec } from './define-lifecycle.ts';
import { lifecycles } from './tables.ts';

export const BEGIN = '<!-- lifecycle-diagrams:begin (npm run diagrams) -->';
export const END = '<!-- lifecycle-diagrams:end -->';

const list = (v: string | readonly string[] | undefined) =>
  v === undefined ? [] : typeof v === 'string' ? [v] : v;
const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

function mermaid(lifecycle: Lifecycle<string, Record<string, TransitionSpec<string>>>): string {
  const lines = ['```mermaid', 'stateDiagram-v2'];
  for (const [name, t] of Object.entries(lifecycle.transitions)) {
    for (const from of t.from) {
      const to = t.to ?? from;
      lines.push(`  ${from} --> ${to === START ? from : to} : ${name}`);
    }
  }
  lines.push('```');
  return lines.join('\n');
}

function table(lifecycle: Lifecycle<string, Record<string, TransitionSpec<string>>>): string {
  const rows: string[][] = Object.entries(lifecycle.transitions).map(([name, t]) => {
    const from = t.from.map((f) => (f === START ? '(new)' : f)).join(', ');
    const effects = [
      `audit ${code(list(t.audit))}`,
      ...(t.items?.length ? [`items ${code(t.items)}`] : []),
      ...(t.notify ? [`notifies ${code([t.notify])}`] : []),
      ...(t.timers?.length ? [`then ${code(t.timers)}`] : []),
    ].join('; ');
    return [`\`${name}\``, from, t.to ?? '(unchanged)', t.guard ?? '', effects];
  });
  // Padded as the formatter (Biome) lays out a Markdown table, so `npm run check` keeps it as is.
  const all = [['transition', 'from', 'to', 'guard', 'effects'], ...rows];
  const widths = all[0]?.map((_, i) => Math.max(3, ...all.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [head, ...body] = all;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The section between the markers (markers included). */
export function renderDiagrams(): string {
  const parts = lifecycles.map(
    (l) =>
      `### ${l.name} (\`${l.attribute}\`)\n\n${mermaid(l as unknown as Lifecycle<string, Record<string, TransitionSpec<string>>>)}\n\n${table(l as unknown as Lifecycle<string, Record<string, TransitionSpec<string>>>)}`,
  );
  return [BEGIN, '', ...parts.flatMap((p) => [p, '']), END].join('\n');
}

/** `readme` with its section replaced by the rendered one. */
export function withDiagrams(readme: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README has no ${BEGIN} … ${END} section`);
  return readme.slice(0, begin) + renderDiagrams() + readme.slice(end + END.length);
}
