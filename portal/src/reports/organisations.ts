// The organisations to report on, in their hierarchy (the city → departments and districts →
// their boards): every page of GET /organisations, ordered depth first under their parents, each
// with its depth so the choice can show the tree.
import { useQuery } from '@tanstack/react-query';
import { api, orThrow } from '../api/client';

export interface OrganisationNode {
  readonly organisationId: string;
  readonly name: string;
  readonly depth: number;
}

// A city has hundreds of bodies, not tens of thousands: a bound keeps a runaway cursor finite.
const maxPages = 50;

export function inHierarchy(
  organisations: readonly { organisationId: string; name: string; parentId?: string }[],
): OrganisationNode[] {
  const ids = new Set(organisations.map((o) => o.organisationId));
  const children = new Map<string | undefined, typeof organisations>();
  for (const o of organisations) {
    // A parent outside the list (or none) makes a root.
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const ordered: OrganisationNode[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | undefined, depth: number) => {
    const below = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    for (const o of below) {
      if (seen.has(o.organisationId)) continue;
      seen.add(o.organisationId);
      ordered.push({ organisationId: o.organisationId, name: o.name, depth });
      visit(o.organisationId, depth + 1);
    }
  };
  visit(undefined, 0);
  return ordered;
}

export function useOrganisationTree() {
  return useQuery({
    queryKey: ['reports', 'organisations'],
    staleTime: 300_000,
    queryFn: async () => {
      const all: { organisationId: string; name: string; parentId?: string }[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const body = orThrow(
          await api.GET('/organisations', {
            params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...body.items);
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      return inHierarchy(all);
    },
  });
}
