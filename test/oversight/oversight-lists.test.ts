// The two lists the oversight pages read: a contractor's status history (its status events from
// the audit table, newest first, auditors and admins only) and every signed checkpoint (public,
// newest first, paginated by a signed cursor). Bad values are problems, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from '../../shared/runtime/ids.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

let cloud: TestCloud;
let auditor: string;
let admin: string;
beforeAll(async () => {
  // Checkpoints every second, so a few exist within the test.
  cloud = await startTestCloud({ SCHEDULE_INTERVAL_MS: '1000' });
  [auditor, admin] = await Promise.all([
    cloud.token(`auditor-${ulid()}`, 'auditor'),
    cloud.token(`admin-${ulid()}`, 'admin'),
  ]);
}, 120_000);
afterAll(() => cloud?.stop());

async function until<T>(what: string, check: () => Promise<T | undefined>, attempts = 240): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function registerContractor() {
  const token = await cloud.token(`user-${ulid()}`, 'contractor');
  const response = await cloud.call('POST', '/contractors', {
    token,
    body: {
      name: 'Công ty TNHH Lịch sử',
      enterpriseCode: `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      address: { street: '1 Hàng Bài', province: 'Hà Nội' },
      contacts: [{ name: 'Lê Văn E', email: 'e@example.vn' }],
      representatives: [{ name: 'Trần Thị F', title: 'Giám đốc' }],
    },
  });
  expect(response.status).toBe(201);
  return response.body.contractorId as string;
}

describe('a contractor status history', { timeout: 60_000 }, () => {
  it('lists suspend, debar and lift newest first, with reason, period and actor; not profile edits', async () => {
    const id = await registerContractor();
    const until_ = '2027-06-30T17:00:00.000Z';
    const changes = [
      { token: auditor, body: { status: 'suspended', reason: 'Đang xác minh hồ sơ năng lực' } },
      { token: admin, body: { status: 'debarred', reason: 'Gian lận trong đấu thầu', until: until_ } },
      { token: admin, body: { status: 'active' } },
    ];
    for (const [i, change] of changes.entries()) {
      const put = await cloud.call('PUT', `/contractors/${id}/status`, {
        token: change.token,
        headers: { 'if-match': `"${i + 1}"` },
        body: change.body,
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    const history = await cloud.call('GET', `/contractors/${id}/status-history`, { token: auditor });
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: any) => e.status)).toEqual(['active', 'debarred', 'suspended']);
    expect(history.body.items[1]).toMatchObject({
      status: 'debarred',
      reason: 'Gian lận trong đấu thầu',
      until: until_,
      actor: { role: 'admin' },
    });
    expect(history.body.items[2]).toMatchObject({
      reason: 'Đang xác minh hồ sơ năng lực',
      actor: { role: 'auditor' },
    });
    // Each entry is the audit event of that change.
    const events = await cloud.call('GET', `/audit/events?objectType=contractor&objectId=${id}&limit=100`, {
      token: auditor,
    });
    const statusEvents = events.body.items.filter((e: any) => e.action.startsWith('contractor.status.'));
    expect(new Set(history.body.items.map((e: any) => e.eventId))).toEqual(
      new Set(statusEvents.map((e: any) => e.eventId)),
    );

    // Paginated: one at a time, by cursor.
    const first = await cloud.call('GET', `/contractors/${id}/status-history?limit=1`, { token: admin });
    expect(first.body.items).toHaveLength(1);
    const second = await cloud.call(
      'GET',
      `/contractors/${id}/status-history?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      { token: admin },
    );
    expect(second.body.items[0].status).toBe('debarred');

    // Refusals: a contractor may not read it; an unknown contractor is a 404; a bad limit a 400.
    const contractor = await cloud.token(`user-${ulid()}`, 'contractor');
    expect((await cloud.call('GET', `/contractors/${id}/status-history`, { token: contractor })).status).toBe(
      403,
    );
    const missing = await cloud.call('GET', `/contractors/${ulid()}/status-history`, { token: auditor });
    expect(missing.status).toBe(404);
    const bad = await cloud.call('GET', `/contractors/${id}/status-history?limit=0`, { token: auditor });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors[0].field).toBe('query.limit');
  });
});

describe('the checkpoint list', { timeout: 60_000 }, () => {
  it('lists signed checkpoints newest first, each as GET /log/checkpoints/{size} serves it', async () => {
    // Two checkpoints at least: one after a first change, another after a second.
    await registerContractor();
    const firstSize = await until('a first checkpoint', async () => {
      const r = await cloud.call('GET', '/log/checkpoint');
      return r.status === 200 ? (r.body.size as number) : undefined;
    });
    await registerContractor();
    await until('a later checkpoint', async () => {
      const r = await cloud.call('GET', '/log/checkpoint');
      return r.status === 200 && r.body.size > firstSize ? r.body : undefined;
    });
    const list = await cloud.call('GET', '/log/checkpoints');
    expect(list.status).toBe(200);
    const sizes = list.body.items.map((c: any) => c.size);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const latest = await cloud.call('GET', '/log/checkpoint');
    expect(sizes[0]).toBeGreaterThanOrEqual(latest.body.size);
    const one = await cloud.call('GET', `/log/checkpoints/${sizes[1]}`);
    expect(list.body.items[1]).toEqual(one.body);

    const paged = await cloud.call('GET', '/log/checkpoints?limit=1');
    expect(paged.body.items).toHaveLength(1);
    const next = await cloud.call(
      'GET',
      `/log/checkpoints?limit=1&cursor=${encodeURIComponent(paged.body.nextCursor)}`,
    );
    expect(next.body.items[0].size).toBeLessThan(paged.body.items[0].size);
    const forged = await cloud.call('GET', '/log/checkpoints?cursor=AAAA');
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('CURSOR_INVALID');
  });
});
