// The public tender list. Without a buyer it reads the byStatus index, one partition per public
// status in turn, sorted by deadline (so a deadline range is a key condition); with a buyer it
// reads that organisation's byBuyer partition, newest first, and filters to public tenders.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client.ts';
import { storedKeySchema } from '../db/key-schema.ts';
import { tenderEntity } from '../entities/tenders.ts';
import type { Cursors } from '../platform/cursors.ts';
import { decodePosition, encodePosition, fillPage, type Key } from '../platform/paged-query.ts';
import { publicStatuses, type TenderSummary } from './tender-schemas.ts';
import { tenderTable, toSummary, toTender } from './tender-store.ts';
import { foldForSearch } from './title-search.ts';

export interface PublicListQuery {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly status?: (typeof publicStatuses)[number] | undefined;
  readonly category?: string | undefined;
  readonly procurementMethod?: string | undefined;
  /** Words in the title, matched without diacritics or case (title-search.ts). */
  readonly q?: string | undefined;
  readonly buyer?: string | undefined;
  readonly deadlineFrom?: string | undefined;
  readonly deadlineTo?: string | undefined;
}

// '~' sorts after every character of an id, so `<deadline>#~` closes a range inclusively.
const upTo = (deadline: string) => `${deadline}#~`;

/** The filters both reads apply after their key condition: category, method, title words. */
function commonFilters(e: Expression, q: PublicListQuery): void {
  if (q.category) e.filters.push(`${e.attribute('category')} = ${e.value('category', q.category)}`);
  if (q.procurementMethod) {
    e.filters.push(`${e.attribute('procurementMethod')} = ${e.value('method', q.procurementMethod)}`);
  }
  const words = q.q ? foldForSearch(q.q).split(' ').filter(Boolean) : [];
  words.forEach((word, i) => {
    e.filters.push(`contains(${e.attribute('titleSearch')}, ${e.value(`w${i}`, word)})`);
  });
}

class Expression {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  readonly filters: string[] = [];

  value(name: string, value: unknown): string {
    this.values[`:${name}`] = value;
    return `:${name}`;
  }

  attribute(name: string): string {
    this.names[`#${name}`] = name;
    return `#${name}`;
  }

  input(): Pick<
    QueryCommandInput,
    'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
  > {
    return {
      ...(this.filters.length > 0 ? { FilterExpression: this.filters.join(' AND ') } : {}),
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ExpressionAttributeValues: this.values,
    };
  }
}

async function byStatus(
  q: PublicListQuery,
  status: string,
  limit: number,
  startKey: Key | undefined,
): Promise<{ items: TenderSummary[]; lastKey: Key | undefined }> {
  const e = new Expression();
  let keyCondition = `gsi1pk = ${e.value('pk', tenderEntity.indexPk('byStatus', { status }))}`;
  if (q.deadlineFrom && q.deadlineTo) {
    keyCondition += ` AND gsi1sk BETWEEN ${e.value('from', q.deadlineFrom)} AND ${e.value('to', upTo(q.deadlineTo))}`;
  } else if (q.deadlineFrom) {
    keyCondition += ` AND gsi1sk >= ${e.value('from', q.deadlineFrom)}`;
  } else if (q.deadlineTo) {
    keyCondition += ` AND gsi1sk <= ${e.value('to', upTo(q.deadlineTo))}`;
  }
  commonFilters(e, q);
  const page = await db.send(
    new QueryCommand({
      TableName: tenderTable(),
      IndexName: 'byStatus',
      KeyConditionExpression: keyCondition,
      ...e.input(),
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (page.Items ?? []).map((i) => toSummary(toTender(i))), lastKey: page.LastEvaluatedKey };
}

async function byBuyer(
  q: PublicListQuery & { buyer: string },
  statuses: readonly string[],
  limit: number,
  startKey: Key | undefined,
): Promise<{ items: TenderSummary[]; lastKey: Key | undefined }> {
  const e = new Expression();
  const keyCondition = `gsi2pk = ${e.value('pk', tenderEntity.indexPk('byBuyer', { buyer: q.buyer }))}`;
  // Drafts and never-published cancellations have no gsi1pk: that is what keeps them out.
  e.filters.push('attribute_exists(gsi1pk)');
  e.filters.push(`${e.attribute('status')} IN (${statuses.map((s, i) => e.value(`s${i}`, s)).join(', ')})`);
  commonFilters(e, q);
  if (q.deadlineFrom)
    e.filters.push(`${e.attribute('submissionDeadline')} >= ${e.value('from', q.deadlineFrom)}`);
  if (q.deadlineTo) e.filters.push(`${e.attribute('submissionDeadline')} <= ${e.value('to', q.deadlineTo)}`);
  const page = await db.send(
    new QueryCommand({
      TableName: tenderTable(),
      IndexName: 'byBuyer',
      KeyConditionExpression: keyCondition,
      ...e.input(),
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (page.Items ?? []).map((i) => toSummary(toTender(i))), lastKey: page.LastEvaluatedKey };
}

export async function listPublicTenders(
  q: PublicListQuery,
  cursors: Cursors,
): Promise<{ items: TenderSummary[]; nextCursor: string | undefined }> {
  const statuses = q.status ? [q.status] : publicStatuses;
  const { buyer } = q;
  const start = buyer
    ? await decodePosition(cursors, storedKeySchema('tenders', 'byBuyer'))
    : await decodePosition(cursors, storedKeySchema('tenders', 'byStatus'), statuses.length);
  const { items, next } = buyer
    ? await fillPage(q.limit, start, 1, (_part, n, key) => byBuyer({ ...q, buyer }, statuses, n, key))
    : await fillPage(q.limit, start, statuses.length, (part, n, key) =>
        byStatus(q, statuses[part] as string, n, key),
      );
  return { items, nextCursor: await encodePosition(cursors, next) };
}
