// `npm run bench -- kpis [tenders=100000] [runs=30]`: the whole-city targets and KPIs report with
// the aggregates of 100,000 tenders stored (target: median under 200 ms). A city of 61
// organisations (the city, 12 departments and districts, 4 boards under each) publishes plans and
// tenders over 12 months; each tender's and plan's contribution is computed by the consumer's own
// functions (shared/kpis/contributions.ts) and summed into the monthly aggregate items the
// consumer would have written, which are stored in bulk (the per-source contribution items, which
// no report reads, are not). Then GET /kpis/report is called in process through its handler, as
// the API runs it (an auditor's claims), for the whole city, one department's subtree, and the
// city by department (breakdown=children): median and p95 over repeated calls.
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { functionSpecs } from '../functions/catalog.ts';
import { startLocalCloud } from '../infra/local/local-cloud.ts';
import { db } from '../shared/db/client.ts';
import { kpiMonthEntity, kpiMonthsEntity } from '../shared/entities/kpis.ts';
import {
  type Contribution,
  parseAggregateKey,
  planContribution,
  tenderContribution,
} from '../shared/kpis/contributions.ts';
import { addCell, type Cell, emptyCell, encodeCells } from '../shared/kpis/figures.ts';
import { mapLimit } from '../shared/platform/concurrency.ts';
import { ulid } from '../shared/runtime/ids.ts';
import { percentile, progress, report, round } from './report.ts';
import { apiEvent, lambdaContext } from './support/api-event.ts';

const tenderCount = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 30);
const warmups = 5;
const targetMs = 200;

// A small deterministic generator, so every run stores the same city.
let seed = 20260401;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

const cloud = await startLocalCloud({
  catalog: { organisations: functionSpecs.organisations as never, kpis: functionSpecs.kpis as never },
  prefix: `bench-kpis-${Date.now()}`,
  onProgress: progress,
  settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  throttling: 'off',
});
Object.assign(process.env, cloud.env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
try {
  const { handler: organisations } = await import('../functions/organisations/handler.ts');
  const { handler: kpis } = await import('../functions/kpis/handler.ts');
  const admin = { sub: 'bench-admin', 'cognito:groups': '[admin]' };
  const auditor = { sub: 'bench-auditor', 'cognito:groups': '[auditor]' };

  let code = 0;
  async function organisation(name: string, parentId?: string): Promise<string> {
    const result = (await organisations(
      apiEvent({
        method: 'POST',
        path: '/organisations',
        route: '/organisations',
        claims: admin,
        body: {
          name,
          code: `B${String(code++).padStart(8, '0')}`,
          address: { street: '1 Tràng Tiền', district: 'Hoàn Kiếm', province: 'Hà Nội' },
          contact: { name: 'Văn phòng', email: 'vp@hanoi.gov.vn', phone: '+84 24 3825 3536' },
          ...(parentId ? { parentId } : {}),
        },
      }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    if (result.statusCode !== 201) throw new Error(`organisation: ${result.statusCode} ${result.body}`);
    return JSON.parse(result.body as string).organisationId as string;
  }
  progress('registering 61 organisations…');
  const city = await organisation('UBND Thành phố Hà Nội');
  const departments: string[] = [];
  const all = [city];
  for (let d = 0; d < 12; d++) {
    const department = await organisation(`Sở/Quận ${d + 1}`, city);
    departments.push(department);
    all.push(department);
    for (let b = 0; b < 4; b++) all.push(await organisation(`Ban quản lý ${d + 1}.${b + 1}`, department));
  }

  // Every source's contribution, summed into month items exactly as the consumer's deltas would.
  const months = new Map<string, Record<string, Cell>>();
  const addContribution = (c: Contribution) => {
    for (const [aggregate, cells] of Object.entries(c)) {
      const stored = months.get(aggregate) ?? {};
      for (const [key, cell] of Object.entries(cells))
        stored[key] = addCell(stored[key] ?? emptyCell(), cell);
      months.set(aggregate, stored);
    }
  };
  const categories = ['goods', 'works', 'non-consulting', 'consulting'] as const;
  const methods = ['open', 'limited', 'competitive-shopping'] as const;
  const year = 2026;
  progress(`computing the aggregates of ${tenderCount} tenders and their plans…`);
  for (let i = 0; i < tenderCount; i++) {
    const buyer = pick(all);
    const month = 1 + Math.floor(random() * 12);
    const deadline = new Date(Date.UTC(year, month - 1, 1 + Math.floor(random() * 27), 3)).toISOString();
    const estimate = (1 + Math.floor(random() * 300)) * 100_000_000;
    const category = pick(categories);
    const procurementMethod = pick(methods);
    const bids = Math.floor(random() * 7);
    const awarded = bids > 0 && random() < 0.8;
    const lotId = ulid();
    addContribution(
      tenderContribution({
        meta: {
          tenderId: ulid(),
          buyer,
          status: awarded ? 'awarded' : bids > 0 ? 'evaluating' : 'no-bids',
          category,
          procurementMethod,
          currency: 'VND',
          submissionDeadline: deadline,
          lots: [{ lotId, estimatedValue: estimate }],
        },
        minutes: bids > 0 ? [{ phase: 'single', validBids: bids, invalidBids: 0 }] : [],
        awards: awarded
          ? [
              {
                lotId,
                amount: String(Math.round(estimate * (0.85 + random() * 0.14))),
                awardedAt: new Date(
                  Date.parse(deadline) + (10 + Math.floor(random() * 40)) * 86_400_000,
                ).toISOString(),
              },
            ]
          : [],
        complaints: awarded && random() < 0.05 ? 1 : 0,
      }),
    );
    // One plan per tender's package, plus an offline package for every fifth.
    const packages = [{ packageId: ulid(), category, method: procurementMethod, estimate, online: true }];
    if (i % 5 === 0)
      packages.push({ packageId: ulid(), category, method: procurementMethod, estimate, online: false });
    addContribution(
      planContribution({
        plan: {
          planId: ulid(),
          buyer,
          publishedAt: `${year}-01-05T02:00:00Z`,
          packages: packages.map((p) => ({ ...p, plannedQuarter: `${year}-Q${Math.ceil(month / 3)}` })),
        },
        progress: new Map(),
      }),
    );
  }
  const items = [...months.entries()].map(([aggregate, cells]) => {
    const { organisationId, month } = parseAggregateKey(aggregate);
    return {
      ...kpiMonthEntity.key({ organisationId, month }),
      organisationId,
      month,
      cells: encodeCells(cells),
      version: 1,
    };
  });
  progress(`storing ${items.length} month items…`);
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await mapLimit(batches, 8, async (batch) => {
    let pending: unknown[] = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await db.send(
        new BatchWriteCommand({ RequestItems: { [process.env.TABLE_KPIS as string]: pending as never } }),
      );
      pending = out.UnprocessedItems?.[process.env.TABLE_KPIS as string] ?? [];
    }
  });

  await db.send(
    new PutCommand({
      TableName: process.env.TABLE_KPIS,
      Item: { ...kpiMonthsEntity.key({}), months: new Set(items.map((i) => i.month)) },
    }),
  );

  async function measure(query: Record<string, string>) {
    const times: number[] = [];
    let body: Record<string, any> = {};
    for (let i = 0; i < warmups + runs; i++) {
      const start = performance.now();
      const result = (await kpis(
        apiEvent({ method: 'GET', path: '/kpis/report', route: '/kpis/report', query, claims: auditor }),
        lambdaContext(),
      )) as APIGatewayProxyStructuredResultV2;
      const elapsed = performance.now() - start;
      if (result.statusCode !== 200) throw new Error(`report: ${result.statusCode} ${result.body}`);
      if (i >= warmups) times.push(elapsed);
      body = JSON.parse(result.body as string);
    }
    times.sort((a, b) => a - b);
    return { median: round(percentile(times, 50)), p95: round(percentile(times, 95)), body };
  }
  progress('measuring the whole-city report…');
  const cityReport = await measure({});
  const department = await measure({ organisationId: departments[0] as string });
  const byDepartment = await measure({ organisationId: city, breakdown: 'children' });
  const total = cityReport.body.total;
  if (total.tenders !== tenderCount)
    throw new Error(`the report counts ${total.tenders} tenders, not ${tenderCount}`);
  report({
    bench: 'kpis',
    tenders: tenderCount,
    organisations: all.length,
    monthItems: items.length,
    runs,
    cityRows: cityReport.body.rows.length,
    cityMedianMs: cityReport.median,
    cityP95Ms: cityReport.p95,
    departmentMedianMs: department.median,
    departmentP95Ms: department.p95,
    byDepartmentMedianMs: byDepartment.median,
    byDepartmentP95Ms: byDepartment.p95,
    onlineShareByCount: total.onlineShareByCount,
    targetMet: total.targetMet,
    targetMs,
    ok: cityReport.median < targetMs,
  });
} finally {
  await cloud.stop();
}
