// Helpers for the tender tests: organisations, tokens, valid bodies, and direct reads of the
// stored items and audit events that the assertions check.
import { GetCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { workingDaysBetween } from '../../shared/calendar/working-days.ts';
import { db } from '../../shared/db/client.ts';
import { tenderEntity } from '../../shared/entities/tenders.ts';
import { clock } from '../../shared/runtime/clock.ts';
import type { TestCloud } from '../support/local-cloud.ts';

export const dayMs = 86_400_000;
/** An instant `ms` from now by the server's clock (the test cloud's, which tests move). */
export const fromNow = (ms: number) => new Date(clock.nowMs() + ms).toISOString();

/**
 * A questions deadline comfortably inside the clarification cut-off (3 or 5 working days before
 * the submission deadline) whatever the calendar: tests move the clock weeks ahead, and a fixed
 * ten calendar days can fall across Tết and hold only two working days.
 */
export function questionsDeadlineBefore(submissionDeadline: string, workingDays = 8): string {
  let candidate = Date.parse(submissionDeadline);
  do candidate -= dayMs;
  while (workingDaysBetween(new Date(candidate), submissionDeadline) < workingDays);
  return new Date(candidate).toISOString();
}

let codeCounter = Math.floor(Math.random() * 1e7);
export const uniqueOrgCode = () => `T${String(codeCounter++).padStart(8, '0')}`;

export const organisationBody = (code = uniqueOrgCode()) => ({
  name: 'Sở Giáo dục và Đào tạo Hà Nội',
  code,
  address: { street: '23 Quang Trung', district: 'Hoàn Kiếm', province: 'Hà Nội' },
  contact: { name: 'Phòng Kế hoạch - Tài chính', email: 'khtc@hanoi.edu.vn', phone: '+84 24 3942 5555' },
});

export const tenderBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Mua sắm máy tính cho các trường THPT',
  description: 'Cung cấp và lắp đặt máy tính để bàn cho 12 trường.',
  category: 'goods',
  procurementMethod: 'open',
  envelopeProcedure: 'one-envelope',
  lots: [
    { title: 'Lô 1: máy tính để bàn', estimatedValue: 2_000_000_000, bidSecurityAmount: 30_000_000 },
    { title: 'Lô 2: máy chiếu', estimatedValue: 500_000_000, bidSecurityAmount: 7_500_000 },
  ],
  bidValidityDays: 120,
  evaluation: { method: 'lowest-price' },
  ...deadlines(30 * dayMs),
  ...overrides,
});

/** A submission deadline `ms` from now and a questions deadline that keeps the cut-off. */
export function deadlines(ms: number) {
  const submissionDeadline = fromNow(ms);
  return { submissionDeadline, questionsDeadline: questionsDeadlineBefore(submissionDeadline) };
}

export interface Entity {
  readonly organisationId: string;
  readonly token: string;
  readonly sub: string;
}

/** A registered organisation and a procuring-entity user acting for it. */
export async function procuringEntity(cloud: TestCloud): Promise<Entity> {
  const admin = await cloud.token('admin-tests', 'admin');
  const created = await cloud.call('POST', '/organisations', { token: admin, body: organisationBody() });
  expect(created.status).toBe(201);
  const organisationId = created.body.organisationId as string;
  const sub = `pe-${crypto.randomUUID()}`;
  return { organisationId, sub, token: await cloud.token(sub, 'procuring-entity', organisationId) };
}

export async function registeredContractor(cloud: TestCloud) {
  const sub = `contractor-${crypto.randomUUID()}`;
  const token = await cloud.token(sub, 'contractor');
  const code = `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const response = await cloud.call('POST', '/contractors', {
    token,
    body: {
      name: 'Công ty TNHH Thiết bị Thử nghiệm',
      enterpriseCode: code,
      address: { street: '5 Lý Thường Kiệt', province: 'Hà Nội' },
      contacts: [{ name: 'Nguyễn Văn E', email: 'e@example.vn' }],
      representatives: [{ name: 'Nguyễn Văn E', title: 'Giám đốc' }],
    },
  });
  expect(response.status).toBe(201);
  return { sub, token, contractorId: response.body.contractorId as string };
}

export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export async function createDraft(cloud: TestCloud, entity: Entity, overrides: Record<string, unknown> = {}) {
  const response = await cloud.call('POST', '/tenders', { token: entity.token, body: tenderBody(overrides) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { tenderId: string; version: number; [k: string]: any };
}

export async function publishedTender(
  cloud: TestCloud,
  entity: Entity,
  overrides: Record<string, unknown> = {},
) {
  const draft = await createDraft(cloud, entity, overrides);
  const published = await cloud.call('POST', `/tenders/${draft.tenderId}/publish`, {
    token: entity.token,
    headers: ifMatch(draft.version),
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body as { tenderId: string; version: number; [k: string]: any };
}

export async function storedItem(table: 'TABLE_TENDERS' | 'TABLE_PARTIES', pk: string, sk: string) {
  const result = await db.send(
    new GetCommand({ TableName: process.env[table], Key: { pk, sk }, ConsistentRead: true }),
  );
  return result.Item;
}

export const storedTender = (tenderId: string) =>
  storedItem('TABLE_TENDERS', tenderEntity.pk({ tenderId }), tenderEntity.sk({}));

export async function auditEventsOf(objectType: string, id: string) {
  const result = await db.send(
    new QueryCommand({
      TableName: process.env.TABLE_AUDIT,
      IndexName: 'byObject',
      KeyConditionExpression: 'objectKey = :k',
      ExpressionAttributeValues: { ':k': `${objectType}#${id}` },
    }),
  );
  return result.Items ?? [];
}

/** Every audit event tagged with the tender, in order. A scan: fine for a test table. */
export async function tenderAuditTrail(tenderId: string) {
  const items: Record<string, any>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: process.env.TABLE_AUDIT,
        FilterExpression: 'tenderId = :t',
        ExpressionAttributeValues: { ':t': tenderId },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
}

/** Moves a stored deadline, as time passing would: the server's clock is the real one. */
export async function setStoredDeadline(
  tenderId: string,
  field: 'submissionDeadline' | 'questionsDeadline',
  value: string,
) {
  await db.send(
    new UpdateCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: tenderEntity.key({ tenderId }),
      UpdateExpression: 'SET #f = :v',
      ExpressionAttributeNames: { '#f': field },
      ExpressionAttributeValues: { ':v': value },
    }),
  );
}

/**
 * Lets `ms` pass for a published tender, as the server would see it: its publication, deadlines
 * and status-index key move that much earlier (the server's clock is the real one). Unlike
 * setStoredDeadline, the tender still keeps its procedure's periods (counted from publication).
 */
export async function letTimePass(tenderId: string, ms: number) {
  const item = await storedTender(tenderId);
  if (!item) throw new Error(`no tender ${tenderId}`);
  const earlier = (iso: string) => new Date(Date.parse(iso) - ms).toISOString();
  const submissionDeadline = earlier(item.submissionDeadline);
  await db.send(
    new UpdateCommand({
      TableName: process.env.TABLE_TENDERS,
      Key: tenderEntity.key({ tenderId }),
      UpdateExpression: 'SET publishedAt = :p, submissionDeadline = :d, questionsDeadline = :q, gsi1sk = :k',
      ExpressionAttributeValues: {
        ':p': earlier(item.publishedAt),
        ':d': submissionDeadline,
        ':q': earlier(item.questionsDeadline),
        ':k': `${submissionDeadline}#${tenderId}`,
      },
    }),
  );
}
