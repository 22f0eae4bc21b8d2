// The organisation hierarchy (the city → departments and districts → their boards), so that every
// figure can be read for one organisation or rolled up. Each organisation names its parent
// (`parentId`); the parent's partition holds a CHILD item per child (shared/entities/hierarchy.ts).
// Moving an organisation refuses a cycle (its new parent may not be itself or below it) and a
// chain deeper than maxDepth; the write holds every ancestor it walked to its parent at the time,
// so two moves racing cannot close a cycle between them.
import type { Actor } from '../audit/audit-event.ts';
import { resources } from '../config/settings.ts';
import { type TransactItem, writeWithAudit } from '../db/audited-write.ts';
import { batchGetAll, queryAll } from '../db/read-all.ts';
import { onConditionFailure } from '../db/write-conflicts.ts';
import { organisationChildEntity } from '../entities/hierarchy.ts';
import { PreconditionFailed, RuleBroken } from '../errors/domain-error.ts';
import type { Descendant, Organisation } from './organisation-schemas.ts';
import {
  getOrganisation,
  organisationIndexKey,
  organisationKey,
  toOrganisation,
} from './organisation-store.ts';

/** City, department or district, board, unit: levels to spare, and a bound on every walk. */
export const maxDepth = 8;

const table = () => resources.table('parties');

/** `parentId` and the organisations above it, nearest first; refuses a chain through `self`. */
async function chainFrom(parentId: string, self: string | undefined, field: string): Promise<Organisation[]> {
  const chain: Organisation[] = [];
  let id: string | undefined = parentId;
  while (id) {
    if (id === self) {
      throw new RuleBroken(
        'ORGANISATION_HIERARCHY_CYCLE',
        'the new parent is the organisation itself or below it',
        {
          field,
        },
      );
    }
    if (chain.length >= maxDepth) break;
    const found = await getOrganisation(id);
    if (!found) {
      if (chain.length === 0) {
        throw new RuleBroken('ORGANISATION_PARENT_UNKNOWN', `no organisation ${parentId}`, { field });
      }
      break;
    }
    chain.push(found);
    id = found.parentId;
  }
  return chain;
}

/** Holds an organisation to the parent it had when walked. */
const parentUnchanged = (o: Organisation): TransactItem => ({
  ConditionCheck: {
    TableName: table(),
    Key: organisationKey(o.organisationId),
    ...(o.parentId
      ? { ConditionExpression: 'parentId = :p', ExpressionAttributeValues: { ':p': o.parentId } }
      : { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(parentId)' }),
  },
});

const childPut = (parentId: string, organisationId: string): TransactItem => ({
  Put: {
    TableName: table(),
    Item: { ...organisationChildEntity.key({ parentId, organisationId }), parentId, organisationId },
  },
});

/** The parent's side of a new organisation: checks and items for its registration transaction. */
export async function parentItemsForNew(organisationId: string, parentId: string, field: string) {
  const chain = await chainFrom(parentId, undefined, field);
  if (chain.length >= maxDepth) {
    throw new RuleBroken(
      'ORGANISATION_HIERARCHY_TOO_DEEP',
      `the hierarchy is at most ${maxDepth} levels deep`,
      {
        field,
      },
    );
  }
  return [childPut(parentId, organisationId), ...chain.map(parentUnchanged)];
}

/** Every organisation below `organisationId`, breadth first, each with its depth. */
export async function descendantsOf(organisationId: string): Promise<Descendant[]> {
  const found: { organisationId: string; parentId: string; depth: number }[] = [];
  let level = [organisationId];
  const seen = new Set(level);
  for (let depth = 1; level.length > 0 && depth <= maxDepth; depth++) {
    const children = (
      await Promise.all(
        level.map((parentId) =>
          queryAll(table(), organisationChildEntity.pk({ parentId }), {
            prefix: organisationChildEntity.skPrefix({}),
          }),
        ),
      )
    ).flat();
    level = [];
    for (const c of children) {
      const id = c.organisationId as string;
      if (seen.has(id)) continue;
      seen.add(id);
      level.push(id);
      found.push({ organisationId: id, parentId: c.parentId as string, depth });
    }
  }
  const profiles = await batchGetAll(
    table(),
    found.map((f) => organisationKey(f.organisationId)),
  );
  const byId = new Map(profiles.map((p) => [p.organisationId as string, toOrganisation(p)]));
  return found.flatMap((f) => {
    const o = byId.get(f.organisationId);
    return o ? [{ ...f, name: o.name, code: o.code }] : [];
  });
}

/** Moves `current` under `parentId` (null: a root), if that makes no cycle and no chain too deep. */
export async function setParent(
  current: Organisation,
  parentId: string | null,
  ifMatch: number | undefined,
  actor: Actor,
  at: string,
): Promise<Organisation> {
  if (current.version !== ifMatch) {
    throw new PreconditionFailed(
      'PRECONDITION_FAILED',
      'the organisation was changed since you read it',
      current.version,
    );
  }
  const field = 'body.parentId';
  const chain = parentId ? await chainFrom(parentId, current.organisationId, field) : [];
  if (parentId) {
    const below = await descendantsOf(current.organisationId);
    const height = Math.max(0, ...below.map((d) => d.depth));
    if (chain.length + 1 + height > maxDepth) {
      throw new RuleBroken(
        'ORGANISATION_HIERARCHY_TOO_DEEP',
        `the hierarchy is at most ${maxDepth} levels deep`,
        {
          field,
        },
      );
    }
  }
  const { parentId: _old, ...rest } = current;
  const next: Organisation = {
    ...rest,
    ...(parentId ? { parentId } : {}),
    updatedAt: at,
    version: current.version + 1,
  };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table(),
        Item: {
          ...organisationKey(next.organisationId),
          ...organisationIndexKey(next.organisationId),
          ...next,
        },
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': current.version },
      },
    },
    ...(current.parentId && current.parentId !== parentId
      ? [
          {
            Delete: {
              TableName: table(),
              Key: organisationChildEntity.key({
                parentId: current.parentId,
                organisationId: current.organisationId,
              }),
            },
          },
        ]
      : []),
    ...(parentId && parentId !== current.parentId ? [childPut(parentId, current.organisationId)] : []),
    ...chain.map(parentUnchanged),
  ];
  try {
    await writeWithAudit(
      items,
      {
        actor,
        action: 'organisation.parent-set',
        object: { type: 'organisation', id: current.organisationId },
        change: { from: current.parentId ?? null, to: parentId },
      },
      at,
    );
  } catch (error) {
    onConditionFailure(error, ({ index }) =>
      index === 0
        ? new PreconditionFailed('PRECONDITION_FAILED', 'the organisation was changed by someone else')
        : undefined,
    );
  }
  return next;
}
