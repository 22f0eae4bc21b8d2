// Reads what a KPI report needs, and nothing else: the organisations of the subtree (the hierarchy's
// CHILD items, or every organisation for the whole city) and, for each, its monthly aggregate items
// in the month range, got by key in batches (the registry of months names the keys). No tender is read.

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../auth/roles.ts';
import { resources } from '../config/settings.ts';
import { db } from '../db/client.ts';
import { batchGetAll, queryEvery } from '../db/read-all.ts';
import { kpiMonthEntity, kpiMonthsEntity } from '../entities/kpis.ts';
import { Forbidden, NotFound } from '../errors/domain-error.ts';
import { descendantsOf, maxDepth } from '../organisations/hierarchy.ts';
import {
  getOrganisation,
  organisationsPartition,
  toOrganisation,
} from '../organisations/organisation-store.ts';
import { decodeCells } from './figures.ts';
import type { KpiSettings } from './kpi-settings.ts';
import { buildRows, type MonthItem, type ReportGroup } from './report.ts';
import type { KpiQuery, KpiReport } from './report-schemas.ts';

interface Member {
  readonly organisationId: string;
  readonly name: string;
  readonly parentId?: string | undefined;
}

async function everyOrganisation(): Promise<Member[]> {
  const items = await queryEvery({
    TableName: resources.table('parties'),
    IndexName: 'byOwner',
    KeyConditionExpression: 'gsi1pk = :kind',
    ExpressionAttributeValues: { ':kind': organisationsPartition() },
  });
  return items.map(toOrganisation).map((o) => ({
    organisationId: o.organisationId,
    name: o.name,
    parentId: o.parentId,
  }));
}

/** The months with any aggregate, within the query's range. */
async function monthsInRange(query: KpiQuery): Promise<string[]> {
  const found = await db.send(
    new GetCommand({ TableName: resources.table('kpis'), Key: kpiMonthsEntity.key({}) }),
  );
  const months = [...((found.Item?.months as Set<string> | undefined) ?? [])];
  return months.filter((m) => (!query.from || m >= query.from) && (!query.to || m <= query.to)).sort();
}

/** The month items of these organisations in the range, by key (100 to a request, all at once). */
async function monthItems(organisationIds: readonly string[], query: KpiQuery): Promise<MonthItem[]> {
  const months = await monthsInRange(query);
  const keys = organisationIds.flatMap((organisationId) =>
    months.map((month) => kpiMonthEntity.key({ organisationId, month })),
  );
  const items = await batchGetAll(resources.table('kpis'), keys);
  return items.map((i) => ({
    organisationId: i.organisationId as string,
    month: i.month as string,
    cells: decodeCells(i.cells as string),
  }));
}

/** May this caller read `organisationId`'s figures? A procuring entity: its own subtree only. */
async function assertMayRead(principal: Principal, role: Role, organisationId: string | undefined) {
  if (role === 'auditor' || role === 'admin') return;
  const own = principal.organisationId;
  const field = 'query.organisationId';
  if (!own || organisationId === undefined) {
    throw new Forbidden('FORBIDDEN', 'a procuring entity reads the figures of its own organisation only', {
      field,
    });
  }
  // Walk up from the requested organisation: the caller's must be on the way.
  let id: string | undefined = organisationId;
  for (let depth = 0; id && depth <= maxDepth; depth++) {
    if (id === own) return;
    id = (await getOrganisation(id))?.parentId;
  }
  throw new Forbidden('FORBIDDEN', 'the organisation is not yours nor below yours', { field });
}

export async function readReport(
  query: KpiQuery,
  principal: Principal,
  role: Role,
  target: KpiSettings,
): Promise<KpiReport> {
  // A procuring entity that names no organisation reads its own.
  const organisationId =
    query.organisationId ?? (role === 'procuring-entity' ? principal.organisationId : undefined);
  await assertMayRead(principal, role, organisationId);
  let head: Member | undefined;
  let members: Member[];
  if (organisationId) {
    const [found, below] = await Promise.all([
      getOrganisation(organisationId),
      descendantsOf(organisationId),
    ]);
    if (!found) {
      throw new NotFound('ORGANISATION_UNKNOWN', `no organisation ${organisationId}`, {
        field: 'query.organisationId',
      });
    }
    head = { organisationId, name: found.name, parentId: found.parentId };
    members = [head, ...below];
  } else {
    members = await everyOrganisation();
  }
  const items = new Map<string, MonthItem[]>();
  for (const item of await monthItems(
    members.map((m) => m.organisationId),
    query,
  )) {
    items.set(item.organisationId, [...(items.get(item.organisationId) ?? []), item]);
  }
  const groups: ReportGroup[] = [];
  if (query.breakdown === 'none') {
    groups.push({
      organisationId: head?.organisationId ?? null,
      name: head?.name ?? null,
      rolledUp: true,
      items: [...items.values()].flat(),
    });
  } else {
    // Each member goes to the group of the top of its branch: a direct child of the head (or, for
    // the city, a root); the head's own items make a group of their own.
    const byId = new Map(members.map((m) => [m.organisationId, m]));
    const topOf = (m: Member): Member => {
      let at = m;
      for (let i = 0; i <= maxDepth; i++) {
        const parent = at.parentId ? byId.get(at.parentId) : undefined;
        if (!parent || parent.organisationId === head?.organisationId) return at;
        at = parent;
      }
      return at;
    };
    const tops = new Map<string, MonthItem[]>();
    for (const m of members) {
      if (m.organisationId === head?.organisationId) continue;
      const top = topOf(m).organisationId;
      tops.set(top, [...(tops.get(top) ?? []), ...(items.get(m.organisationId) ?? [])]);
    }
    if (head) {
      groups.push({
        organisationId: head.organisationId,
        name: head.name,
        rolledUp: false,
        items: items.get(head.organisationId) ?? [],
      });
    }
    const sorted = [...tops.keys()].sort((a, b) =>
      (byId.get(a)?.name ?? '').localeCompare(byId.get(b)?.name ?? '', 'vi'),
    );
    for (const top of sorted) {
      groups.push({
        organisationId: top,
        name: byId.get(top)?.name ?? null,
        rolledUp: true,
        items: tops.get(top) ?? [],
      });
    }
  }
  const { rows, total } = buildRows(groups, query, target);
  return {
    organisationId: head?.organisationId ?? null,
    name: head?.name ?? null,
    organisations: members.length,
    category: query.category ?? null,
    method: query.method ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
    breakdown: query.breakdown,
    target: { percent: target.KPI_ONLINE_TARGET_PERCENT, scope: [...target.KPI_ONLINE_TARGET_SCOPE] },
    rows,
    total,
  };
}
