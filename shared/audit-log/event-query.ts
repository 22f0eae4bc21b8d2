// Oversight queries over audit events. Each filter combination is answered by the most selective
// index, with the other filters applied to what it returns:
//   tender → audit.byTender, object → audit.byObject, actor → audit.byActor (all immediate);
//   action alone → log.byAction, time alone → log.byTime. Those two live on the log table because
//   an index partitioned by action or by nothing would be hot on the bid submission path; the log
//   table is written only by the sequencer, so these see events once integrated (within
//   MAX_INTEGRATION_DELAY_SECONDS).
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../audit/audit-event.ts';
import { db } from '../db/client.ts';
import { actionPartition, allEntriesPartition } from './log-keys.ts';
import type { LogLocation } from './log-location.ts';
import { eventLocations } from './log-reader.ts';
import { eventFromItem } from './logged-event.ts';

export interface EventQuery {
  readonly tenderId?: string | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly objectType?: string | undefined;
  readonly objectId?: string | undefined;
  /** Inclusive UTC instant. */
  readonly from?: string | undefined;
  /** Exclusive UTC instant. */
  readonly to?: string | undefined;
  readonly limit: number;
}

export interface QueriedEvent extends AuditEvent {
  readonly seq?: number;
  readonly integratedAt?: string;
}

export interface EventPage {
  readonly items: QueriedEvent[];
  readonly lastKey?: Record<string, unknown>;
  /** Which index answered, so a cursor is only ever replayed against the same one. */
  readonly index: string;
}

const MIN_INSTANT = '0000-01-01T00:00:00.000Z';
const MAX_INSTANT = '9999-12-31T23:59:59.999Z';

// Stored instants always carry milliseconds (Date#toISOString), so the last instant before `to`
// is `to` minus 1 ms: BETWEEN then gives the half-open range [from, to).
const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

interface Plan {
  readonly table: 'audit' | 'log';
  readonly index: string;
  readonly input: Omit<QueryCommandInput, 'TableName'>;
}

function plan(query: EventQuery): Plan {
  const from = query.from ? new Date(query.from).toISOString() : MIN_INSTANT;
  const to = query.to ? justBefore(query.to) : MAX_INSTANT;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  const onAudit = Boolean(query.tenderId || (query.objectType && query.objectId) || query.actor);
  // Attribute paths differ: audit items hold the event at the top level, log entries under `event`.
  const path = (...parts: string[]) => {
    const full = onAudit ? parts : ['event', ...parts];
    return full
      .map((part) => {
        names[`#${part}`] = part;
        return `#${part}`;
      })
      .join('.');
  };
  const filter = (value: string | undefined, parts: string[], token: string, used: boolean) => {
    if (value === undefined || used) return;
    values[token] = value;
    filters.push(`${path(...parts)} = ${token}`);
  };

  let table: Plan['table'];
  let index: string;
  let key: string;
  if (onAudit) {
    table = 'audit';
    names['#at'] = 'at';
    values[':from'] = from;
    values[':to'] = to;
    if (query.tenderId) {
      index = 'byTender';
      names['#pk'] = 'tenderId';
      values[':pk'] = query.tenderId;
    } else if (query.objectType && query.objectId) {
      index = 'byObject';
      names['#pk'] = 'objectKey';
      values[':pk'] = `${query.objectType}#${query.objectId}`;
    } else {
      index = 'byActor';
      names['#pk'] = 'actorKey';
      values[':pk'] = query.actor;
    }
    key = '#pk = :pk AND #at BETWEEN :from AND :to';
  } else {
    table = 'log';
    index = query.action ? 'byAction' : 'byTime';
    const [pkName, skName] = query.action ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    names['#pk'] = pkName as string;
    names['#sk'] = skName as string;
    values[':pk'] = query.action ? actionPartition(query.action) : allEntriesPartition;
    // Sort keys are `${at}#${eventId}`: '#' sorts before any id character, '~' after.
    values[':from'] = from;
    values[':to'] = `${to}~`;
    key = '#pk = :pk AND #sk BETWEEN :from AND :to';
  }
  filter(query.tenderId, ['tenderId'], ':tenderId', index === 'byTender');
  filter(query.action, ['action'], ':action', index === 'byAction');
  filter(query.actor, ['actor', 'sub'], ':actor', index === 'byActor');
  filter(query.objectType, ['object', 'type'], ':objectType', index === 'byObject');
  filter(query.objectId, ['object', 'id'], ':objectId', index === 'byObject');
  return {
    table,
    index,
    input: {
      IndexName: index,
      KeyConditionExpression: key,
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      Limit: query.limit,
    },
  };
}

export const queryIndex = (query: EventQuery) => plan(query).index;

export async function queryEvents(
  query: EventQuery,
  tables: { readonly audit: string; readonly log: LogLocation },
  startKey?: Record<string, unknown>,
): Promise<EventPage> {
  const { table, index, input } = plan(query);
  const result = await db.send(
    new QueryCommand({
      ...input,
      TableName: table === 'audit' ? tables.audit : tables.log.table,
      ExclusiveStartKey: startKey,
    }),
  );
  const rows = result.Items ?? [];
  let items: QueriedEvent[];
  if (table === 'log') {
    items = rows.map((row) => ({
      ...(row.event as AuditEvent),
      seq: row.seq as number,
      integratedAt: row.integratedAt as string,
    }));
  } else {
    const events = rows.map(eventFromItem);
    const logged = await eventLocations(
      tables.log,
      events.map((e) => e.eventId),
    );
    items = events.map((event) => {
      const where = logged.get(event.eventId);
      return where ? { ...event, seq: where.seq, integratedAt: where.integratedAt } : event;
    });
  }
  return { items, index, ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}) };
}
