// No import cycles, between modules or between the folders of shared/ and functions/, and the
// layering rules of .dependency-cruiser.mjs (domain code knows no HTTP; platform pieces know no
// domain): the cruise runs here, through dependency-cruiser's API, on every `npm test`.
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

/** The folder a module belongs to: shared/<x> or functions/<x>; undefined outside them. */
const folderOf = (path: string) => /^(shared|functions)\/[^/]+(?=\/)/.exec(path)?.[0];

/** Every cycle of strongly connected folders (Tarjan), each as its members in order. */
function cyclesOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return components;
}

function folderEdges(result: ICruiseResult): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const module of result.modules) {
    const from = folderOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)?.add(to);
    }
  }
  return edges;
}

let result: ICruiseResult;
beforeAll(async () => {
  const configFile = new URL('../../.dependency-cruiser.mjs', import.meta.url).href;
  const config = ((await import(configFile)) as { default: IConfiguration }).default;
  const { output } = await cruise(['shared', 'functions', 'infra'], {
    ...config.options,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
  });
  result = output as ICruiseResult;
}, 240_000);

describe('imports', () => {
  it('break none of the rules of .dependency-cruiser.mjs (no module cycle, no HTTP in domain code)', () => {
    const violations = result.summary.violations.map(
      (v) =>
        `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`,
    );
    expect(violations).toEqual([]);
    expect(result.summary.totalCruised).toBeGreaterThan(200);
  });

  it('form no cycle between the folders of shared/ and functions/', () => {
    expect(cyclesOf(folderEdges(result))).toEqual([]);
  });

  it('would find a cycle between folders (the check can fail)', () => {
    const edges = new Map([
      ['shared/opening', new Set(['shared/awards', 'shared/db'])],
      ['shared/awards', new Set(['shared/opening'])],
      ['shared/db', new Set<string>()],
    ]);
    expect(cyclesOf(edges)).toEqual([['shared/awards', 'shared/opening']]);
  });
});
