// API Gateway HTTP API throttling, locally: one token bucket per route (route key) for the whole
// stage, shared by every caller as on AWS, sized from the catalog's throttles. A request finding
// its route's bucket empty is answered 429 before any function runs.
import type { ServerResponse } from 'node:http';
import type { FunctionSpec, Throttle } from '../../functions/function-spec.ts';
import { routeThrottles, throttleProblems } from '../../functions/route-throttles.ts';
import { HttpProblem } from '../../shared/http/problem.ts';

export type Admission =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

/** A bucket of `burstLimit` tokens, full at first, refilled continuously at `rateLimit` per second. */
export class TokenBucket {
  readonly throttle: Throttle;
  private readonly now: () => number;
  private tokens: number;
  private last: number;

  constructor(throttle: Throttle, now: () => number) {
    this.throttle = throttle;
    this.now = now;
    this.tokens = throttle.burstLimit;
    this.last = now();
  }

  take(): Admission {
    const at = this.now();
    // A clock moved backwards (a test, or a corrected system clock) refills nothing, but leaves the
    // bucket counting from there instead of waiting to catch up.
    const elapsedMs = Math.max(0, at - this.last);
    this.last = at;
    this.tokens = Math.min(
      this.throttle.burstLimit,
      this.tokens + (elapsedMs / 1000) * this.throttle.rateLimit,
    );
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { admitted: true };
    }
    // Whole seconds until a token is back (HTTP's Retry-After has no fractions), never 0: a
    // client retrying at once would only be refused again.
    const waitSeconds = (1 - this.tokens) / this.throttle.rateLimit;
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
  }
}

export interface RateLimiterOptions {
  /** Milliseconds since the epoch; tests pass a clock they move. Default Date.now. */
  readonly now?: () => number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  /** Refuses a catalog whose throttles CDK would refuse (functions/route-throttles.ts). */
  constructor(catalog: Readonly<Record<string, FunctionSpec>>, options: RateLimiterOptions = {}) {
    const problems = throttleProblems(catalog);
    if (problems.length > 0) throw new Error(`function catalog throttles:\n  ${problems.join('\n  ')}`);
    const now = options.now ?? Date.now;
    for (const route of routeThrottles(catalog)) {
      this.buckets.set(route.routeKey, new TokenBucket(route.throttle, now));
    }
  }

  /** Takes one request's token from the route's bucket; a route the catalog lacks is not limited. */
  admit(routeKey: string): Admission {
    return this.buckets.get(routeKey)?.take() ?? { admitted: true };
  }

  /**
   * Admits the request, or answers it 429 (problem+json, `TOO_MANY_REQUESTS`, `Retry-After`) and
   * returns false. API Gateway itself answers a bare `{"message":"Too Many Requests"}`; locally the
   * answer has the shape of every other error the API gives.
   */
  admitOrRefuse(routeKey: string, res: ServerResponse, headers: Record<string, string> = {}): boolean {
    const admission = this.admit(routeKey);
    if (admission.admitted) return true;
    const retryAfter = String(admission.retryAfterSeconds);
    const problem = new HttpProblem(
      429,
      'Too Many Requests',
      `route ${routeKey} is over its throttle; retry after ${retryAfter} s`,
      { headers: { 'retry-after': retryAfter } },
    );
    // Browsers hide Retry-After from scripts unless CORS exposes it.
    const exposed = [headers['access-control-expose-headers'], 'retry-after'].filter(Boolean).join(',');
    res.writeHead(429, {
      ...headers,
      'access-control-expose-headers': exposed,
      'content-type': 'application/problem+json',
      ...problem.headers,
    });
    res.end(JSON.stringify(problem.toBody()));
    return false;
  }
}
