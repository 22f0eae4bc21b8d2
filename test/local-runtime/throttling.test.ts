// Throttling through the real local HTTP API: a route over its burst answers 429 problem+json with
// Retry-After before any function runs (nothing stored), other routes carry on, and once the
// gateway's clock moves on the route answers again. The catalog is the real one with contractor
// registration made small (1/s, burst 2).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { db } from '../../shared/db/client.ts';
import { ownerClaimEntity } from '../../shared/entities/parties.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const contractors = functionSpecs.contractors as FunctionSpec;
if (contractors.trigger.kind !== 'http') throw new Error('contractors is an HTTP function');
const catalog: Record<string, FunctionSpec> = {
  ...functionSpecs,
  contractors: {
    ...contractors,
    trigger: {
      ...contractors.trigger,
      routeThrottles: {
        ...contractors.trigger.routeThrottles,
        registerContractor: { rateLimit: 1, burstLimit: 2 },
      },
    },
  },
};

let at = Date.parse('2030-03-01T08:00:00Z');
let cloud: TestCloud;
const invoked: string[] = [];
beforeAll(async () => {
  cloud = await startTestCloud({}, { catalog, now: () => at });
  // Count what reaches the registration's function: a throttled request must not. (Schedules and
  // the stream pollers invoke other functions in the background meanwhile; they do not count.)
  const invoke = cloud.pool.invoke.bind(cloud.pool);
  cloud.pool.invoke = (name, event) => {
    if (name === 'contractors') invoked.push(name);
    return invoke(name, event);
  };
});
afterAll(() => cloud?.stop());

let code = Math.floor(Math.random() * 1e8);
async function register(sub: string) {
  const token = await cloud.token(sub, 'contractor');
  return cloud.call('POST', '/contractors', {
    token,
    body: {
      name: 'Công ty TNHH Điều tiết',
      enterpriseCode: `05${String(code++ % 1e8).padStart(8, '0')}`,
      address: { street: '3 Hàng Bài', province: 'Hà Nội' },
      contacts: [{ name: 'Vũ Văn G', email: 'g@example.vn' }],
      representatives: [{ name: 'Đỗ Thị H', title: 'Giám đốc' }],
    },
  });
}

const storedContractorOf = async (sub: string) =>
  (
    await db.send(
      new GetCommand({ TableName: process.env.TABLE_PARTIES, Key: ownerClaimEntity.key({ sub }) }),
    )
  ).Item;

describe('route throttling in the local gateway', () => {
  // Cold workers under a loaded machine take most of the time; nothing here waits on the clock.
  it('answers 429 beyond the burst, before any function, until the clock moves on', {
    timeout: 120_000,
  }, async () => {
    const subs = Array.from({ length: 3 }, (_, i) => `throttled-${i}-${crypto.randomUUID()}`);
    const [first, second] = [await register(subs[0]!), await register(subs[1]!)];
    expect([first.status, second.status]).toEqual([201, 201]);

    const before = invoked.length;
    const refused = await register(subs[2]!);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(refused.body).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      title: 'Too Many Requests',
      detail: expect.stringContaining('POST /contractors'),
    });
    expect(invoked.length).toBe(before);
    expect(await storedContractorOf(subs[2]!)).toBeUndefined();

    // Limits are per route, not per function or caller: the same function's other routes and
    // other functions answer, even for the refused caller.
    const token = await cloud.token(subs[2]!, 'contractor');
    expect((await cloud.call('GET', '/me/contractor', { token })).status).toBe(404);
    expect((await cloud.call('GET', '/contractors')).status).toBe(200);
    expect((await cloud.call('GET', '/openapi.json')).status).toBe(200);
    // Still nothing for the registration route: the clock has not moved.
    expect((await register(`throttled-x-${crypto.randomUUID()}`)).status).toBe(429);

    // Half a second is half a token: still refused. A second brings one back: one registration.
    at += 500;
    expect((await register(subs[2]!)).status).toBe(429);
    at += 500;
    const retried = await register(subs[2]!);
    expect(retried.status).toBe(201);
    expect(await storedContractorOf(subs[2]!)).toMatchObject({ contractorId: retried.body.contractorId });
    expect((await register(`throttled-y-${crypto.randomUUID()}`)).status).toBe(429);

    // Idle long enough, the bucket is full again: the burst, and no more.
    at += 60_000;
    const burst = await Promise.all([0, 1, 2].map((i) => register(`throttled-z${i}-${crypto.randomUUID()}`)));
    expect(burst.map((r) => r.status).sort()).toEqual([201, 201, 429]);
  });
});
