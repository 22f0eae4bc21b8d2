// Pools that reuse workers (test processes running one local cloud after another) hand a stopped
// pool's warm worker to the next pool for the same function and environment, with the new pool's
// clock; a different environment, or a pool that does not ask, gets a fresh worker.
import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { FunctionPool } from '../../infra/local/function-pool.ts';
import { sharedClock } from '../../infra/local/local-clock.ts';

const catalog: Record<string, FunctionSpec> = {
  counter: {
    description: 'counts its invocations',
    entry: 'test/local-runtime/fixtures/counting-handler.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    grants: [],
  },
};

type Probe = { threadId: number; served: number; now: number; env?: string };
const pools: FunctionPool[] = [];
afterAll(async () => {
  // Parked workers are unref'd: they do not hold the process open, and a non-reusing stop ends them.
  for (const pool of pools) await pool.stop();
});

async function once(env: Record<string, string>, reuseWorkers: boolean, clockBuffer?: SharedArrayBuffer) {
  const pool = new FunctionPool(catalog, { ...process.env, ...env }, clockBuffer, {}, { reuseWorkers });
  pools.push(pool);
  try {
    return (await pool.invoke('counter', {})) as Probe;
  } finally {
    await pool.stop();
  }
}

describe('warm workers across pools', () => {
  const env = { PROBE: `reuse-${process.pid}-${Date.now()}` };

  it('serve the next pool with the same function and environment, on that pool’s clock', async () => {
    const first = sharedClock();
    first.moveBy(3_600_000);
    const a = await once(env, true, first.buffer);
    expect(a.served).toBe(1);
    expect(a.now - Date.now()).toBeGreaterThan(3_500_000);

    const second = sharedClock();
    second.moveBy(-86_400_000);
    const b = await once(env, true, second.buffer);
    expect(b.threadId).toBe(a.threadId);
    expect(b.served).toBe(2);
    expect(Date.now() - b.now).toBeGreaterThan(86_000_000);
  });

  it('are not shared with another environment, nor with a pool that does not ask', async () => {
    const warm = await once(env, true);
    const other = await once({ PROBE: `${env.PROBE}-other` }, true);
    expect(other.threadId).not.toBe(warm.threadId);
    expect(other.served).toBe(1);
    const fresh = await once(env, false);
    expect(fresh.threadId).not.toBe(warm.threadId);
    expect(fresh.served).toBe(1);
    // The warm one is still parked for the next pool that asks.
    expect((await once(env, true)).threadId).toBe(warm.threadId);
  });
});
