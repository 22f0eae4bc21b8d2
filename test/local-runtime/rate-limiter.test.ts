// The local gateway's token buckets, on a clock the test moves: burst, refill at the rate,
// Retry-After, one bucket per route for every caller, and the catalog's throttles checked at start.
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import type { FunctionSpec } from '../../functions/function-spec.ts';
import { RateLimiter, TokenBucket } from '../../infra/local/rate-limiter.ts';

function fakeClock(start = Date.parse('2030-03-01T08:00:00Z')) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

const takeAll = (bucket: TokenBucket, n: number) => Array.from({ length: n }, () => bucket.take().admitted);

describe('token bucket', () => {
  it('admits the burst at once, then refuses with Retry-After of at least one second', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 5 }, clock.now);
    expect(takeAll(bucket, 5)).toEqual([true, true, true, true, true]);
    expect(bucket.take()).toEqual({ admitted: false, retryAfterSeconds: 1 });
    // Half a token back is still no token, and still a whole second to wait.
    clock.advance(250);
    expect(bucket.take()).toEqual({ admitted: false, retryAfterSeconds: 1 });
  });

  it('refills at the rate, never above the burst', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rateLimit: 2, burstLimit: 5 }, clock.now);
    takeAll(bucket, 5);
    clock.advance(500);
    expect(takeAll(bucket, 2)).toEqual([true, false]);
    clock.advance(1000);
    expect(takeAll(bucket, 3)).toEqual([true, true, false]);
    // An hour idle fills it to the burst, not to 7,200.
    clock.advance(3_600_000);
    expect(takeAll(bucket, 6)).toEqual([true, true, true, true, true, false]);
  });

  it('counts Retry-After in whole seconds up, from what is missing of the next token', () => {
    const clock = fakeClock();
    // Slower than the catalog allows, to see the rounding: one token every 4 s.
    const bucket = new TokenBucket({ rateLimit: 0.25, burstLimit: 1 }, clock.now);
    expect(bucket.take().admitted).toBe(true);
    expect(bucket.take()).toEqual({ admitted: false, retryAfterSeconds: 4 });
    clock.advance(1500);
    expect(bucket.take()).toEqual({ admitted: false, retryAfterSeconds: 3 });
    clock.advance(2499);
    expect(bucket.take()).toEqual({ admitted: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect(bucket.take().admitted).toBe(true);
  });

  it('refills nothing when the clock goes back, and counts on from there', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rateLimit: 1, burstLimit: 1 }, clock.now);
    bucket.take();
    clock.advance(-60_000);
    expect(bucket.take().admitted).toBe(false);
    clock.advance(1000);
    expect(bucket.take().admitted).toBe(true);
  });
});

describe('rate limiter over the catalog', () => {
  it('keeps one bucket per route key for all callers, sized from the catalog', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(functionSpecs, clock);
    // The audit bundle export: 5/s, burst 10 (functions/throttles.ts auditExport).
    const bundle = Array.from({ length: 11 }, () => limiter.admit('GET /audit/bundle').admitted);
    expect(bundle.filter(Boolean)).toHaveLength(10);
    expect(limiter.admit('GET /audit/bundle')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    // Another route of the same function has its own bucket.
    expect(limiter.admit('GET /audit/events').admitted).toBe(true);
    clock.advance(1000);
    expect(Array.from({ length: 6 }, () => limiter.admit('GET /audit/bundle').admitted)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    // Bid commits take the deadline surge: 1,000 at once.
    const commits = Array.from(
      { length: 1001 },
      () => limiter.admit('POST /tenders/{tenderId}/lots/{lotId}/bids').admitted,
    );
    expect(commits.filter(Boolean)).toHaveLength(1000);
  });

  it('refuses to start on throttles CDK would refuse, naming the entry', () => {
    const receipts = functionSpecs.receipts as FunctionSpec;
    const withThrottle = (throttle: unknown, routeThrottles?: unknown): Record<string, FunctionSpec> => ({
      receipts: {
        ...receipts,
        trigger: { ...receipts.trigger, throttle, routeThrottles } as FunctionSpec['trigger'],
      },
    });
    expect(() => new RateLimiter(withThrottle({ rateLimit: 10, burstLimit: 5 }))).toThrow(
      /receipts: throttle: burstLimit 5 is below rateLimit 10/,
    );
    expect(() => new RateLimiter(withThrottle({ rateLimit: 0, burstLimit: 5 }))).toThrow(
      /receipts: throttle: rateLimit 0 is not a positive integer/,
    );
    expect(() => new RateLimiter(withThrottle({ rateLimit: 2.5, burstLimit: 5 }))).toThrow(
      /rateLimit 2.5 is not a positive integer/,
    );
    expect(
      () =>
        new RateLimiter(
          withThrottle({ rateLimit: 5, burstLimit: 10 }, { receiptKey: { rateLimit: 1, burstLimit: 1 } }),
        ),
    ).toThrow(/receipts: routeThrottles names receiptKey, which is none of its routes/);
    expect(() => new RateLimiter(functionSpecs)).not.toThrow();
  });
});
