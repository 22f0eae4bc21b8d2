import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import * as zod from 'zod';
import type { AuditEvent } from '../../shared/audit/audit-event.ts';
import {
  checkpointAt,
  checkpointView,
  eventLocation,
  exportBundle,
  integratedBy,
  integratedView,
  integrationStatus,
  latestCheckpoint,
  listCheckpoints,
  liveLog,
  logPublicKey,
  NoCheckpoint,
  queryEvents,
  queryIndex,
  queryTenderEvents,
  readEntry,
  readHead,
  type TenderEventsPosition,
  TileHashes,
} from '../../shared/audit-log/index.ts';

import type { Bundle } from '../../shared/audit-log/schemas.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { resources } from '../../shared/config/settings.ts';
import { db } from '../../shared/db/client.ts';
import { storedKeySchema } from '../../shared/db/key-schema.ts';
import { auditEventEntity } from '../../shared/entities/audit.ts';
import { cursorsOf } from '../../shared/http/cursor.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';
import { invalidField, notFound } from '../../shared/http/problem.ts';
import { revealedEventIds, revealingMinutes } from '../../shared/opening/bid-log-reveal.ts';
import { getContractor } from '../../shared/parties/contractor-store.ts';
import { toBase64 } from '../../shared/tlog/index.ts';
import { oversightRoutes } from './contract.ts';
import { statusHistoryPage } from './status-history.ts';

const log = liveLog();

/** Auditors and admins may see any event; others only events in which they were the actor. */
const maySee = (principal: Principal, event: Pick<AuditEvent, 'actor'>) =>
  principal.roles.includes('auditor') ||
  principal.roles.includes('admin') ||
  event.actor.sub === principal.sub;

// The key an audit event query resumes from, by the index that answers it (shared/audit-log/event-query.ts).
const eventKeySchemas: Record<string, z.ZodType<Record<string, string>>> = {
  byTender: storedKeySchema('audit', 'byTender'),
  byObject: storedKeySchema('audit', 'byObject'),
  byActor: storedKeySchema('audit', 'byActor'),
  byAction: storedKeySchema('log', 'byAction'),
  byTime: storedKeySchema('log', 'byTime'),
};

// Where an opened tender's history resumes: in its byTender events and its revealed bid events.
const tenderEventsPosition: z.ZodType<TenderEventsPosition> = zod.strictObject({
  key: storedKeySchema('audit', 'byTender').optional(),
  directDone: zod.boolean().optional(),
  revealed: zod.number().int().nonnegative().optional(),
}) as z.ZodType<TenderEventsPosition>;

const noSuchEvent = (eventId: string) => notFound(`no audit event ${eventId} that you may see`);

export const handler = httpHandler(oversightRoutes, {
  async queryAuditEvents(request) {
    const { cursor: _cursor, ...filters } = request.query;
    const index = queryIndex(filters);
    // The cursor is bound to these filters, so it always comes from this same index.
    const cursors = cursorsOf(request);
    // An opened tender's history also holds the bid events its minutes reveal (before the
    // opening they named the tender only through a commitment, so byTender cannot find them).
    const revealed = filters.tenderId ? revealedEventIds(await revealingMinutes(filters.tenderId)) : [];
    if (filters.tenderId && revealed.length > 0) {
      const position = await cursors.read(tenderEventsPosition);
      const page = await queryTenderEvents(
        { ...filters, tenderId: filters.tenderId },
        revealed,
        { audit: resources.table('audit'), log },
        position,
      );
      const nextCursor = await cursors.issue(page.next as Parameters<typeof cursors.issue>[0]);
      return { body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
    }
    const key = await cursors.read(eventKeySchemas[index] ?? storedKeySchema('audit'));
    const page = await queryEvents(filters, { audit: resources.table('audit'), log }, key);
    const nextCursor = await cursors.issue(page.lastKey as Record<string, string> | undefined);
    return { body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },

  async exportAuditBundle({ query }) {
    const reveal = query.tenderId !== undefined ? await revealingMinutes(query.tenderId) : undefined;
    const scope =
      query.tenderId !== undefined
        ? {
            tenderId: query.tenderId,
            // Opened: the minutes name the tender's bid entries, and go in the bundle to prove it.
            ...(reveal ? { reveal: { eventIds: revealedEventIds(reveal), minutes: reveal.document } } : {}),
          }
        : {
            from: new Date(query.from as string).toISOString(),
            to: new Date(query.to as string).toISOString(),
          };
    try {
      const { bundle, anchor, inScope } = await exportBundle(scope, {
        location: log,
        ...(query.treeSize !== undefined ? { treeSize: query.treeSize } : {}),
      });
      const name = 'tenderId' in scope ? `tender-${scope.tenderId}` : `range-${anchor.size}`;
      return {
        // The response schema re-validates it; the bundle's readonly arrays are plain JSON.
        body: bundle as unknown as z.input<typeof Bundle>,
        headers: {
          'content-disposition': `attachment; filename="audit-bundle-${name}.json"`,
          'x-bundle-tree-size': String(anchor.size),
          'x-bundle-entries-in-scope': String(inScope.length),
        },
      };
    } catch (error) {
      if (error instanceof NoCheckpoint) {
        if (query.treeSize !== undefined)
          throw invalidField('query.treeSize', 'is not the size of a checkpoint');
        throw notFound(error.message);
      }
      throw error;
    }
  },

  async getLogEntry({ params, query }) {
    const checkpoint =
      query.treeSize === undefined ? await latestCheckpoint(log) : await checkpointAt(query.treeSize, log);
    if (!checkpoint) {
      if (query.treeSize !== undefined)
        throw invalidField('query.treeSize', 'is not the size of a checkpoint');
      throw notFound('no checkpoint has been published yet');
    }
    if (params.seq >= checkpoint.size) {
      throw invalidField(
        query.treeSize === undefined ? 'path.seq' : 'query.treeSize',
        `entry ${params.seq} is not covered by the checkpoint of size ${checkpoint.size}`,
      );
    }
    const entry = await readEntry(log, params.seq);
    if (!entry) throw notFound(`no log entry ${params.seq}`);
    const hashes = new TileHashes(log, await readHead(log.table));
    const proof = await hashes.inclusionProof(params.seq, checkpoint.size);
    return {
      body: {
        seq: entry.seq,
        event: entry.event,
        leafHash: entry.leafHash,
        integratedAt: entry.integratedAt,
        checkpoint: checkpointView(checkpoint),
        inclusionProof: proof.map(toBase64),
      },
    };
  },

  async getConsistencyProof({ query }) {
    // Only up to the latest checkpoint, which is public anyway: proving against the live head
    // would let anyone probe how many entries (bids among them) arrived since, and no message
    // states a size.
    const [head, latest] = await Promise.all([readHead(log.table), latestCheckpoint(log)]);
    if (query.to > (latest?.size ?? 0)) {
      throw invalidField('query.to', 'must not exceed the size of the latest published checkpoint');
    }
    const hashes = new TileHashes(log, head);
    const [proof, fromRoot, toRoot] = await Promise.all([
      hashes.consistencyProof(query.from, query.to),
      hashes.root(query.from),
      hashes.root(query.to),
    ]);
    return {
      body: {
        fromSize: query.from,
        toSize: query.to,
        fromRoot: toBase64(fromRoot),
        toRoot: toBase64(toRoot),
        hashes: proof.map(toBase64),
      },
    };
  },

  async latestCheckpoint() {
    const checkpoint = await latestCheckpoint(log);
    if (!checkpoint) throw notFound('no checkpoint has been published yet');
    return { body: checkpointView(checkpoint) };
  },

  async getCheckpoint({ params }) {
    const checkpoint = await checkpointAt(params.treeSize, log);
    if (!checkpoint) throw notFound(`no checkpoint has tree size ${params.treeSize}`);
    return { body: checkpointView(checkpoint) };
  },

  async listCheckpoints(request) {
    const cursors = cursorsOf(request);
    const page = await listCheckpoints(
      log,
      0,
      Number.MAX_SAFE_INTEGER,
      request.query.limit,
      await cursors.read(storedKeySchema('log')),
      { newestFirst: true },
    );
    const nextCursor = await cursors.issue(page.next as Record<string, string> | undefined);
    return { body: { items: page.items.map(checkpointView), ...(nextCursor ? { nextCursor } : {}) } };
  },

  async contractorStatusHistory(request) {
    const { params, query } = request;
    if (!(await getContractor(params.contractorId))) throw notFound(`no contractor ${params.contractorId}`);
    const cursors = cursorsOf(request);
    const page = await statusHistoryPage(
      resources.table('audit'),
      params.contractorId,
      query.limit,
      await cursors.read(storedKeySchema('audit', 'byObject')),
    );
    const nextCursor = await cursors.issue(page.lastKey as Record<string, string> | undefined);
    return { body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },

  async logPublicKey() {
    return { body: await logPublicKey(), headers: { 'cache-control': 'public, max-age=3600' } };
  },

  async eventIntegration({ params, principal }) {
    const { eventId } = params;
    const where = await eventLocation(log, eventId);
    if (!where) {
      // Not in the log yet: the audit table says whether it exists and whose it is.
      const stored = await db.send(
        new GetCommand({ TableName: resources.table('audit'), Key: auditEventEntity.key({ eventId }) }),
      );
      const event = stored.Item as AuditEvent | undefined;
      if (!event || !maySee(principal, event)) throw noSuchEvent(eventId);
      return {
        body: { eventId, status: 'pending' as const, at: event.at, integratedBy: integratedBy(event.at) },
      };
    }
    const entry = await readEntry(log, where.seq);
    if (!entry || !maySee(principal, entry.event)) throw noSuchEvent(eventId);
    const status = await integrationStatus(eventId, log);
    if (!status) throw noSuchEvent(eventId);
    return { body: { eventId, ...integratedView(status) } };
  },
});
