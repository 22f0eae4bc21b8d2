// Targets and KPIs against the emulators: a plan published through the API reaches the aggregates
// through the audit stream; tenders (their META, minutes, awards and complaints written as the
// pipeline stores them) are applied by the consumer's own function; the report matches a table
// computed by hand for a board and for its department rolled up; a redelivered stream batch
// counts nothing twice; bad query parameters are 400 problems naming the field.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as consumer } from '../../functions/kpis/consumer.ts';
import { db } from '../../shared/db/client.ts';
import { auditEventEntity } from '../../shared/entities/audit.ts';
import { kpiContributionEntity } from '../../shared/entities/kpis.ts';
import { awardEntity, complaintEntity, minutesEntity, tenderEntity } from '../../shared/entities/tenders.ts';
import { applySource, sourceName } from '../../shared/kpis/kpi-store.ts';
import { ulid } from '../../shared/runtime/ids.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { ifMatch, organisationBody, storedItem } from '../tenders/fixtures.ts';

let cloud: TestCloud;
let admin: string;
let auditor: string;
const org = { department: '', board: '', other: '' };
let boardToken: string;

const put = (Item: Record<string, unknown>) =>
  db.send(new PutCommand({ TableName: process.env.TABLE_TENDERS, Item }));

async function organisation(name: string, parentId?: string) {
  const created = await cloud.call('POST', '/organisations', {
    token: admin,
    body: { ...organisationBody(), name, ...(parentId ? { parentId } : {}) },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.organisationId as string;
}

/** A tender as the pipeline leaves it: META, the deadline's minutes, awards, complaints. */
async function storeTender(input: {
  buyer: string;
  status: string;
  deadline: string;
  estimate: number;
  bids?: { valid: number; invalid: number };
  award?: { amount: number; afterDays: number };
  complaints?: number;
}) {
  const tenderId = ulid();
  const lotId = ulid();
  await put({
    ...tenderEntity.key({ tenderId }),
    tenderId,
    buyer: input.buyer,
    status: input.status,
    category: 'goods',
    procurementMethod: 'open',
    currency: 'VND',
    submissionDeadline: input.deadline,
    lots: [{ lotId, title: 'Lô 1', estimatedValue: input.estimate, bidSecurityAmount: 1 }],
    version: 1,
  });
  if (input.bids) {
    await put({
      ...minutesEntity.key({ tenderId, phase: 'single' }),
      tenderId,
      phase: 'single',
      outcome: 'opened',
      validBids: input.bids.valid,
      invalidBids: input.bids.invalid,
    });
  }
  if (input.award) {
    await put({
      ...awardEntity.key({ tenderId, lotId }),
      tenderId,
      lotId,
      amount: String(input.award.amount),
      awardedAt: new Date(
        Date.parse(input.deadline) + input.award.afterDays * 86_400_000 + 3600_000,
      ).toISOString(),
      status: 'active',
    });
  }
  for (let i = 0; i < (input.complaints ?? 0); i++) {
    const complaintId = ulid();
    await put({
      ...complaintEntity.key({ tenderId, complaintId }),
      tenderId,
      complaintId,
      status: 'pending',
    });
  }
  return tenderId;
}

/** The audit stream's records for these tenders, as Lambda delivers them. */
const streamEvent = (tenderIds: string[]): DynamoDBStreamEvent => ({
  Records: tenderIds.map((tenderId, i) => ({
    eventID: `e${i}`,
    eventName: 'INSERT',
    dynamodb: {
      NewImage: marshall({
        ...auditEventEntity.key({ eventId: ulid() }),
        action: 'award.made',
        object: { type: 'award', id: tenderId },
        tenderId,
      }) as never,
    },
  })),
});
const context = { awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

const report = (query: Record<string, string>, token = auditor) =>
  cloud.call('GET', `/kpis/report?${new URLSearchParams(query)}`, { token });

const row = (body: any, organisationId: string, month = '2026-04', category = 'goods', method = 'open') =>
  body.rows.find(
    (r: any) =>
      r.organisationId === organisationId &&
      r.month === month &&
      r.category === category &&
      r.method === method,
  );

let tenders: string[] = [];

beforeAll(async () => {
  cloud = await startTestCloud();
  admin = await cloud.token('admin-kpis', 'admin');
  auditor = await cloud.token('auditor-kpis', 'auditor');
  org.department = await organisation('Sở Giáo dục và Đào tạo');
  org.board = await organisation('Ban quản lý dự án giáo dục', org.department);
  org.other = await organisation('Sở Y tế');
  boardToken = await cloud.token(`pe-${crypto.randomUUID()}`, 'procuring-entity', org.board);

  // The board's plan, published through the API: its audit event reaches the aggregator by stream.
  const created = await cloud.call('POST', '/plans', {
    token: boardToken,
    body: {
      title: 'KHLCNT thiết bị giáo dục 2026',
      fiscalYear: 2026,
      decision: { number: '12/QĐ-BQL', date: '2026-01-15' },
      packages: [
        // goods, open, small (≤ 10 bn): in the Hanoi target's scope; online.
        {
          name: 'Máy tính',
          category: 'goods',
          method: 'open',
          estimate: 500_000_000,
          fundingSource: 'Ngân sách',
          plannedQuarter: '2026-Q2',
          contractType: 'lump-sum',
          online: true,
        },
        // goods, open, small, offline under an exception: in scope, not online.
        {
          name: 'Thiết bị bảo mật',
          category: 'goods',
          method: 'open',
          estimate: 800_000_000,
          fundingSource: 'Ngân sách',
          plannedQuarter: '2026-Q2',
          contractType: 'lump-sum',
          online: false,
          offlineException: 'secret',
        },
        // works, limited, 30 bn: not small, so outside the scope.
        {
          name: 'Nhà lớp học',
          category: 'works',
          method: 'limited',
          estimate: 30_000_000_000,
          fundingSource: 'Ngân sách',
          plannedQuarter: '2026-Q2',
          contractType: 'lump-sum',
          online: true,
        },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await cloud.call('POST', `/plans/${created.body.planId}/publish`, {
    token: boardToken,
    headers: ifMatch(created.body.version),
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);

  tenders = [
    // The board: 3 bids (2 valid, 1 invalid), awarded 450 M on a 500 M estimate 12 days after the deadline, 1 petition.
    await storeTender({
      buyer: org.board,
      status: 'awarded',
      deadline: '2026-04-10T03:00:00Z',
      estimate: 500_000_000,
      bids: { valid: 2, invalid: 1 },
      award: { amount: 450_000_000, afterDays: 12 },
      complaints: 1,
    }),
    // The department itself: a single bid, awarded 990 M on 1 bn after 20 days.
    await storeTender({
      buyer: org.department,
      status: 'awarded',
      deadline: '2026-04-20T03:00:00Z',
      estimate: 1_000_000_000,
      bids: { valid: 1, invalid: 0 },
      award: { amount: 990_000_000, afterDays: 20 },
    }),
    // A draft counts nothing.
    await storeTender({
      buyer: org.board,
      status: 'draft',
      deadline: '2026-04-25T03:00:00Z',
      estimate: 700_000_000,
    }),
  ];
  for (const tenderId of tenders) await applySource({ kind: 'tender', id: tenderId });
}, 180_000);
afterAll(() => cloud?.stop());

describe('targets and KPIs', () => {
  it('match the hand-computed table for the board and its department rolled up', async () => {
    // The plan arrives through the audit stream.
    await expect
      .poll(async () => row((await report({ organisationId: org.board })).body, org.board)?.plannedPackages, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(2);
    const board = (await report({ organisationId: org.board })).body;
    expect(board).toMatchObject({ organisationId: org.board, organisations: 1, target: { percent: 50 } });
    expect(row(board, org.board)).toMatchObject({
      plannedPackages: 2,
      plannedValue: 1_300_000_000,
      onlinePackages: 1,
      onlineValue: 500_000_000,
      onlineShareByCount: 50,
      onlineShareByValue: 38.46,
      tenders: 1,
      closedTenders: 1,
      bids: 3,
      averageBids: 3,
      singleBidTenders: 0,
      singleBidShare: 0,
      awardedTenders: 1,
      awardedEstimate: 500_000_000,
      awardedValue: 450_000_000,
      savingsVnd: 50_000_000,
      savingsPercent: 10,
      petitionedTenders: 1,
      petitionShare: 100,
      medianDaysToAward: 12,
      targetPackages: 2,
      targetOnlinePackages: 1,
      targetShareByCount: 50,
      targetMet: true,
      targetMetByValue: false,
    });
    expect(row(board, org.board, '2026-04', 'works', 'limited')).toMatchObject({
      plannedPackages: 1,
      onlineShareByCount: 100,
      targetPackages: 0,
      targetMet: null,
    });

    const department = (await report({ organisationId: org.department })).body;
    expect(department.organisations).toBe(2);
    expect(row(department, org.department)).toMatchObject({
      rolledUp: true,
      plannedPackages: 2,
      tenders: 2,
      closedTenders: 2,
      bids: 4,
      averageBids: 2,
      singleBidTenders: 1,
      singleBidShare: 50,
      awardedTenders: 2,
      awardedEstimate: 1_500_000_000,
      awardedValue: 1_440_000_000,
      savingsVnd: 60_000_000,
      savingsPercent: 4,
      petitionedTenders: 1,
      petitionShare: 50,
      medianDaysToAward: 16,
    });
    expect(department.total).toMatchObject({
      plannedPackages: 3,
      tenders: 2,
      targetPackages: 2,
      targetMet: true,
    });

    // By child: the department's own figures, then the board's subtree.
    const split = (await report({ organisationId: org.department, breakdown: 'children' })).body;
    expect(row(split, org.department)).toMatchObject({
      rolledUp: false,
      tenders: 1,
      bids: 1,
      plannedPackages: 0,
    });
    expect(row(split, org.board)).toMatchObject({ rolledUp: true, tenders: 1, bids: 3, plannedPackages: 2 });

    // Filters: another month range or category leaves nothing.
    expect(
      (await report({ organisationId: org.department, from: '2026-05', to: '2026-12' })).body.rows,
    ).toEqual([]);
    expect((await report({ organisationId: org.department, category: 'works' })).body.rows).toHaveLength(1);
  });

  it('counts a redelivered stream batch once', async () => {
    const before = (await report({ organisationId: org.department })).body.total;
    const stored = await storedItem(
      'TABLE_KPIS' as never,
      kpiContributionEntity.pk({ source: sourceName({ kind: 'tender', id: tenders[0] as string }) }),
      kpiContributionEntity.sk({}),
    );
    const event = streamEvent([tenders[0] as string, tenders[1] as string, tenders[0] as string]);
    for (let i = 0; i < 3; i++) {
      const result = await consumer(event, context);
      expect(result.batchItemFailures).toEqual([]);
    }
    expect((await report({ organisationId: org.department })).body.total).toEqual(before);
    const after = await storedItem(
      'TABLE_KPIS' as never,
      kpiContributionEntity.pk({ source: sourceName({ kind: 'tender', id: tenders[0] as string }) }),
      kpiContributionEntity.sk({}),
    );
    expect(after?.version).toBe(stored?.version);

    // A real change (a second petition on the department's tender) moves the figures by its difference only.
    await put({
      ...complaintEntity.key({ tenderId: tenders[1] as string, complaintId: ulid() }),
      status: 'pending',
    });
    await consumer(streamEvent([tenders[1] as string, tenders[1] as string]), context);
    const moved = (await report({ organisationId: org.department })).body.total;
    expect(moved).toEqual({ ...before, petitionedTenders: 2, petitionShare: 100 });
  });

  it('lets a procuring entity read its own subtree only', async () => {
    expect((await report({}, boardToken)).body.organisationId).toBe(org.board);
    const above = await report({ organisationId: org.department }, boardToken);
    expect(above.status).toBe(403);
    expect(above.body.errors[0].field).toBe('query.organisationId');
    expect((await report({ organisationId: org.other }, boardToken)).status).toBe(403);
  });

  it('refuses bad query parameters as problems naming the field', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ from: '2026-13' }, 'query.from', 'VALIDATION_FAILED'],
      [{ from: '2026-05', to: '2026-04' }, 'query.to', 'KPI_MONTH_RANGE_INVALID'],
      [{ category: 'food' }, 'query.category', 'VALIDATION_FAILED'],
      [{ organisationId: 'nope' }, 'query.organisationId', 'VALIDATION_FAILED'],
      [{ colour: 'red' }, 'query.colour', 'VALIDATION_FAILED'],
    ];
    for (const [query, field, code] of cases) {
      const answer = await report(query);
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.code).toBe(code);
      expect(answer.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const unknown = await report({ organisationId: ulid() });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      code: 'ORGANISATION_UNKNOWN',
      errors: [{ field: 'query.organisationId' }],
    });
  });

  it('exports the same rows as CSV and XLSX', async () => {
    const query = new URLSearchParams({ organisationId: org.department, format: 'csv' });
    const csv = await cloud.call('GET', `/kpis/report/export?${query}`, { token: auditor });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = typeof csv.body === 'string' ? csv.body : JSON.stringify(csv.body);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]?.split(',').slice(0, 6)).toEqual([
      'organisationId',
      'name',
      'rolledUp',
      'category',
      'method',
      'month',
    ]);
    const json = (await report({ organisationId: org.department })).body;
    expect(lines).toHaveLength(json.rows.length + 2);
    query.set('format', 'xlsx');
    const xlsx = await cloud.call('GET', `/kpis/report/export?${query}`, { token: auditor });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});
