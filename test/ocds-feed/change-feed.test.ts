// GET /ocds/changes: releases in audit-log order with the log position as cursor. Writers publish
// tenders concurrently while the cloud's clock is moved backwards between them (so release dates
// go backwards in commit order, as skewed or slow writers make them), and a reader pages the feed
// at the same time: it must meet every release of every tender exactly once, which a reader
// keeping a clock watermark (ProZorro's feed, peers.md §2.6) would not. The cursor pages with
// nothing skipped or repeated, and means the same after the system restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnCloud, until } from '../opening/support.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import {
  dayMs,
  type Entity,
  fromNow,
  ifMatch,
  procuringEntity,
  publishedTender,
} from '../tenders/fixtures.ts';

let cloud: TestCloud;
let entity: Entity;
const tenderIds: string[] = [];
/** What the reader saw while the writers wrote: every page's items, in order. */
const concurrentlySeen: { seq: number; id: string; date: string }[] = [];

async function feed(after: number | undefined, limit: number, on = cloud) {
  const query = new URLSearchParams({
    limit: String(limit),
    ...(after !== undefined ? { after: String(after) } : {}),
  });
  const response = await on.call('GET', `/ocds/changes?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as {
    items: { seq: number; release: { id: string; date: string; ocid: string } }[];
    cursor?: number;
    caughtUp: boolean;
  };
}

async function readAll(limit: number, on = cloud) {
  const items: { seq: number; id: string; date: string }[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await feed(after, limit, on);
    items.push(...page.items.map((i) => ({ seq: i.seq, id: i.release.id, date: i.release.date })));
    if (page.cursor !== undefined) after = page.cursor;
    if (page.caughtUp) return { items, cursor: after };
  }
}

async function expectedReleaseIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const tenderId of tenderIds) {
    const pkg = await cloud.call('GET', `/ocds/tenders/${tenderId}/releases`);
    ids.push(...pkg.body.releases.map((r: any) => r.id));
  }
  return ids.sort();
}

beforeAll(async () => {
  // Checkpoints every second, which the feed's positions wait for.
  cloud = await startOwnCloud({ SCHEDULE_INTERVAL_MS: '1000' });
  entity = await procuringEntity(cloud);
  let stop = false;
  // The reader: pages the feed from the start while the writers write, as a harvester would.
  const reader = (async () => {
    let after: number | undefined;
    while (!stop) {
      const page = await feed(after, 3);
      concurrentlySeen.push(
        ...page.items.map((i) => ({ seq: i.seq, id: i.release.id, date: i.release.date })),
      );
      if (page.cursor !== undefined) after = page.cursor;
      if (page.caughtUp) await new Promise((r) => setTimeout(r, 100));
    }
    return after;
  })();
  const start = cloud.clock.nowMs();
  const writer = async (w: number) => {
    for (let i = 0; i < 3; i++) {
      const tender = await publishedTender(cloud, entity);
      tenderIds.push(tender.tenderId);
      if (i === 1) {
        const amended = await cloud.call('POST', `/tenders/${tender.tenderId}/amendments`, {
          token: entity.token,
          headers: ifMatch(tender.version),
          body: { changes: { description: `Sửa đổi ${w}` }, note: 'Bổ sung' },
        });
        expect(amended.status, JSON.stringify(amended.body)).toBe(201);
      }
      // Every writer's next commit is stamped earlier than the last one: the clock runs backwards.
      await cloud.clock.set(new Date(start - (w * 3 + i + 1) * 3_600_000).toISOString());
    }
  };
  await Promise.all([writer(0), writer(1), writer(2)]);
  // Everything written is logged and under a checkpoint (the checkpointer runs every second here).
  const expected = await expectedReleaseIds();
  await until(
    async () => new Set(concurrentlySeen.map((s) => s.id)).size,
    (n) => n >= expected.length,
    90_000,
  );
  stop = true;
  await reader;
}, 600_000);
afterAll(() => cloud?.stop());

describe('the change feed', () => {
  it('gave the concurrent reader every release exactly once, in log order, though clocks went backwards', async () => {
    const expected = await expectedReleaseIds();
    expect(expected.length).toBe(9 + 3);
    const ids = concurrentlySeen.map((s) => s.id);
    expect(new Set(ids).size, 'a release was repeated').toBe(ids.length);
    expect([...ids].sort()).toEqual(expected);
    const seqs = concurrentlySeen.map((s) => s.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The scenario is real: a later log position carries an earlier date, which a reader keeping
    // the latest date it saw (a clock watermark) would have skipped.
    let latest = '';
    const skippedByWatermark = concurrentlySeen.filter((s) => {
      const behind = latest !== '' && s.date < latest;
      if (s.date > latest) latest = s.date;
      return behind;
    });
    expect(skippedByWatermark.length).toBeGreaterThan(0);
  });

  it('pages with the cursor, nothing skipped or repeated, whatever the page size', async () => {
    const whole = await readAll(100);
    const byOne = await readAll(1);
    expect(byOne.items).toEqual(whole.items);
    expect(whole.items.map((i) => i.id)).toEqual(concurrentlySeen.map((s) => s.id));
    // Caught up: the cursor gives nothing more, and says where it stands.
    const after = await feed(whole.cursor, 10);
    expect(after).toMatchObject({ items: [], caughtUp: true, cursor: whole.cursor });
  });

  it('gives a later release of a known tender at a later position (an amendment now)', async () => {
    const before = await readAll(100);
    const tenderId = tenderIds[0] as string;
    const current = await cloud.call('GET', `/tenders/${tenderId}`);
    const amended = await cloud.call('POST', `/tenders/${tenderId}/amendments`, {
      token: entity.token,
      headers: ifMatch(current.body.version),
      body: { changes: { description: 'Lần nữa', submissionDeadline: fromNow(40 * dayMs) }, note: 'Gia hạn' },
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    const page = await until(
      () => feed(before.cursor, 10),
      (p) => p.items.length > 0,
      60_000,
    );
    expect(page.items.map((i) => i.release.id)).toEqual([
      `ocds-eproc01-${tenderId}-rev-${amended.body.revision.revision}`,
    ]);
    expect(page.items[0]?.seq).toBeGreaterThan(before.cursor as number);
  });

  it('means the same after a restart: the cursor is the durable log position', async () => {
    const whole = await readAll(100);
    const middle = whole.items[4]?.seq as number;
    const page = await feed(middle, 5);
    const prefix = process.env.TABLE_TENDERS?.replace(/-tenders$/, '') as string;
    await cloud.stop();
    cloud = await startTestCloud({ SCHEDULE_INTERVAL_MS: '1000' }, { prefix });
    Object.assign(process.env, cloud.env);
    // Same positions, releases and cursor (links and document URLs name the new port).
    const again = await feed(middle, 5);
    const shape = (p: typeof page) => ({
      items: p.items.map((i) => [i.seq, i.release.id, i.release.date]),
      cursor: p.cursor,
      caughtUp: p.caughtUp,
    });
    expect(shape(again)).toEqual(shape(page));
  });

  it('answers bad parameters with 400 problem+json naming the field', async () => {
    for (const [query, field] of [
      ['after=-1', 'query.after'],
      ['after=abc', 'query.after'],
      ['limit=0', 'query.limit'],
      ['limit=101', 'query.limit'],
      ['since=2026-01-01T00:00:00Z', 'query'],
    ] as const) {
      const response = await cloud.call('GET', `/ocds/changes?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e: any) => e.field).join(' ')).toContain(field);
    }
  });
});
