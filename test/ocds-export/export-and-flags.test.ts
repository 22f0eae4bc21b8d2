// The OCDS bulk export and the red flags over it, in the local system: tenders published in two
// months and two opened (one with a single bid, one with two identical prices) are exported by the
// admin route as JSONL in month partitions of the exports bucket (moto S3), each line the
// compiled release GET /ocds/tenders/{id}/record serves (bids extension included once opened);
// the engine then reads the export back from S3 and stores its flags (DynamoDB Local), which
// GET /oversight/flags serves to auditors (paginated, filtered) and refuses to contractors.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../shared/db/client.ts';
import { flagCurrentRunEntity } from '../../shared/entities/flags.ts';
import { EXPORT_MANIFEST_KEY, exportPartKey } from '../../shared/ocds-export/layout.ts';
import { s3 } from '../../shared/storage/s3.ts';
import { openTenderWith } from '../awards/pipeline-support.ts';
import { startOwnCloud } from '../opening/support.ts';
import type { TestCloud } from '../support/local-cloud.ts';
import { dayMs, type Entity, procuringEntity, publishedTender } from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
let admin: string;
let auditor: string;
const tenders: Record<string, any>[] = [];
let single: string;
let identical: string;
let exported: any;

const bucket = () => process.env.BUCKET_EXPORTS as string;
const text = async (key: string) =>
  (await (await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }))).Body?.transformToString()) ??
  '';

beforeAll(async () => {
  cloud = await startOwnCloud();
  entity = await procuringEntity(cloud);
  admin = await cloud.token('admin-export', 'admin');
  auditor = await cloud.token('auditor-export', 'auditor');
  tenders.push(await publishedTender(cloud, entity));
  // The next ones are published in a later month.
  await cloud.clock.advance(35 * dayMs);
  tenders.push(await publishedTender(cloud, entity));
  const one = await openTenderWith(cloud, entity, {}, [{ key: 'A', price: 1_500_000_000 }]);
  const two = await openTenderWith(cloud, entity, {}, [
    { key: 'B', price: 1_800_000_000 },
    { key: 'C', price: 1_800_000_000 },
  ]);
  single = one.tenderId;
  identical = two.tenderId;
  for (const id of [single, identical]) {
    const t = await cloud.call('GET', `/tenders/${id}`);
    tenders.push(t.body);
  }
  const run = await cloud.call('POST', '/ocds/exports', { token: admin });
  expect(run.status, JSON.stringify(run.body)).toBe(200);
  exported = run.body;
}, 600_000);
afterAll(() => cloud?.stop());

describe('the bulk export', () => {
  it('writes one compiled release per tender, in the partition of the month it was published', async () => {
    const months = [...new Set(tenders.map((t) => t.publishedAt.slice(0, 7)))].sort();
    expect(months.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(exported.export.months).sort()).toEqual(months);
    expect(exported.export.releases).toBe(tenders.length);

    const manifest = JSON.parse(await text(EXPORT_MANIFEST_KEY));
    expect(manifest).toMatchObject({ format: 'eproc-ocds-export/v1', runId: exported.export.runId });
    const lines = new Map<string, { month: string; release: any }>();
    for (const [month, summary] of Object.entries<any>(manifest.months)) {
      for (let part = 0; part < summary.parts; part++) {
        const body = await text(exportPartKey(month, part));
        expect(body.endsWith('\n')).toBe(true);
        for (const line of body.split('\n').filter(Boolean)) {
          const release = JSON.parse(line);
          expect(lines.has(release.ocid), `${release.ocid} exported twice`).toBe(false);
          lines.set(release.ocid, { month, release });
        }
      }
    }
    expect(lines.size).toBe(tenders.length);
    for (const t of tenders) {
      const line = lines.get(`ocds-eproc01-${t.tenderId}`);
      expect(line?.month).toBe(t.publishedAt.slice(0, 7));
      const record = await cloud.call('GET', `/ocds/tenders/${t.tenderId}/record`);
      expect(record.status).toBe(200);
      expect(line?.release).toEqual(record.body.records[0].compiledRelease);
    }
  });

  it('carries the bids extension once the minutes are public: status, value, date and tenderers of every bid', async () => {
    const body = await text(exportPartKey(tenders[3]?.publishedAt.slice(0, 7) as string, 0));
    const release = body
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((r) => r.ocid === `ocds-eproc01-${identical}`);
    expect(release.bids.details).toHaveLength(2);
    for (const bid of release.bids.details) {
      expect(bid).toMatchObject({
        status: expect.any(String),
        value: { amount: 1_800_000_000, currency: 'VND' },
        date: expect.any(String),
        tenderers: [{ id: expect.stringMatching(/^contractor-/), name: expect.any(String) }],
      });
    }
  });

  it('overwrites its parts on the next run, and the flags of an unchanged export are not recomputed twice', async () => {
    const again = await cloud.call('POST', '/ocds/exports', { token: admin });
    expect(again.status).toBe(200);
    expect(again.body.export.runId).not.toBe(exported.export.runId);
    expect(again.body.export.months).toEqual(exported.export.months);
    expect(again.body.flags.status).toBe('computed');
    exported = again.body;
  });

  it('is for admins only', async () => {
    const response = await cloud.call('POST', '/ocds/exports', { token: auditor });
    expect(response.status).toBe(403);
  });
});

describe('GET /oversight/flags', () => {
  it('serves the stored flags to an auditor with values, fences and thresholds', async () => {
    const stored = await db.send(
      new GetCommand({
        TableName: process.env.TABLE_FLAGS,
        Key: flagCurrentRunEntity.key({}),
        ConsistentRead: true,
      }),
    );
    expect(stored.Item).toMatchObject({ runId: exported.flags.runId, exportRunId: exported.export.runId });

    const response = await cloud.call('GET', '/oversight/flags?limit=100', { token: auditor });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.run).toMatchObject({ runId: exported.flags.runId, releases: tenders.length });
    const rows = response.body.items as any[];
    expect(rows).toContainEqual(
      expect.objectContaining({ kind: 'ocid', id: `ocds-eproc01-${single}`, indicator: 'R018', value: 1 }),
    );
    const r028 = rows.filter((r) => r.indicator === 'R028');
    expect(r028).toContainEqual(
      expect.objectContaining({ kind: 'ocid', id: `ocds-eproc01-${identical}`, name: expect.any(String) }),
    );
    // The two tenderers with the same price are flagged too, named from the export.
    expect(r028.filter((r) => r.kind === 'tenderer')).toHaveLength(2);
    for (const r of r028.filter((r) => r.kind === 'tenderer')) expect(r.name).toMatch(/^Công ty [BC]$/);
    const r003 = rows.find((r) => r.indicator === 'R003');
    if (r003) expect(r003.settings).toMatchObject({ threshold: 15 });
    for (const row of rows) expect(row).toEqual(expect.objectContaining({ fences: expect.any(Object) }));
    expect(response.body.run.flags).toBe(rows.length);
  });

  it('filters by indicator and by kind', async () => {
    const byIndicator = await cloud.call('GET', '/oversight/flags?indicator=R028', { token: auditor });
    expect(byIndicator.status).toBe(200);
    expect(byIndicator.body.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(byIndicator.body.items.map((r: any) => r.indicator))).toEqual(new Set(['R028']));
    const both = await cloud.call('GET', '/oversight/flags?indicator=R028&kind=tenderer', { token: auditor });
    expect(both.body.items.map((r: any) => [r.kind, r.indicator])).toEqual([
      ['tenderer', 'R028'],
      ['tenderer', 'R028'],
    ]);
    const kind = await cloud.call('GET', '/oversight/flags?kind=ocid', { token: auditor });
    expect(new Set(kind.body.items.map((r: any) => r.kind))).toEqual(new Set(['ocid']));
  });

  it('pages with a cursor, nothing skipped or repeated', async () => {
    const all = (await cloud.call('GET', '/oversight/flags?limit=100', { token: auditor })).body.items;
    const seen: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await cloud.call(
        'GET',
        `/oversight/flags?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: auditor },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('is refused to a contractor (403) and to the public (401)', async () => {
    const contractor = await cloud.token('contractor-export', 'contractor');
    const refused = await cloud.call('GET', '/oversight/flags', { token: contractor });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await cloud.call('GET', '/oversight/flags')).status).toBe(401);
  });

  it('answers bad parameters with 400 problem+json naming the field and its code', async () => {
    for (const [query, field] of [
      ['indicator=R999', 'query.indicator'],
      ['kind=supplier', 'query.kind'],
      ['limit=0', 'query.limit'],
      ['cursor=not-a-cursor', 'query.cursor'],
    ] as const) {
      const response = await cloud.call('GET', `/oversight/flags?${query}`, { token: auditor });
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toMatch(/^(VALIDATION_FAILED|CURSOR_INVALID)$/);
      expect(response.body.errors?.map((e: any) => e.field) ?? [field]).toContain(field);
    }
  });
});
