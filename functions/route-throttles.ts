// Each HTTP route's throttle as the catalog declares it: the route's own override, else its
// function's, else the stage default. CDK writes these into the stage's route settings and the
// local gateway builds its token buckets from them, so both enforce the same numbers.
import { routeKey } from '../shared/http/route-contract.ts';
import type { FunctionSpec, Throttle } from './function-spec.ts';
import { stageThrottle } from './throttles.ts';

export interface RouteThrottle {
  /** API Gateway's route key, `METHOD /path`. */
  readonly routeKey: string;
  readonly functionName: string;
  readonly throttle: Throttle;
  /** False when the stage default applies (no route setting of its own). */
  readonly declared: boolean;
}

export function routeThrottles(catalog: Readonly<Record<string, FunctionSpec>>): RouteThrottle[] {
  const resolved: RouteThrottle[] = [];
  for (const [functionName, spec] of Object.entries(catalog)) {
    const trigger = spec.trigger;
    if (trigger.kind !== 'http') continue;
    for (const route of trigger.routes) {
      const own = trigger.routeThrottles?.[route.operationId] ?? trigger.throttle;
      resolved.push({
        routeKey: routeKey(route),
        functionName,
        throttle: own ?? stageThrottle,
        declared: own !== undefined,
      });
    }
  }
  return resolved;
}

// API Gateway takes a double rate and an integer burst; whole numbers and a burst at least one
// second's worth keep the two enforcements (and anyone reading them) in step.
function throttleProblem(throttle: Throttle): string | undefined {
  const { rateLimit, burstLimit } = throttle;
  if (!Number.isInteger(rateLimit) || rateLimit < 1)
    return `rateLimit ${rateLimit} is not a positive integer`;
  if (!Number.isInteger(burstLimit) || burstLimit < 1)
    return `burstLimit ${burstLimit} is not a positive integer`;
  if (burstLimit < rateLimit) return `burstLimit ${burstLimit} is below rateLimit ${rateLimit}`;
  return undefined;
}

/** What is wrong with the catalog's throttles, one line per problem naming the entry. */
export function throttleProblems(catalog: Readonly<Record<string, FunctionSpec>>): string[] {
  const problems: string[] = [];
  const stage = throttleProblem(stageThrottle);
  if (stage) problems.push(`stage default throttle: ${stage}`);
  for (const [name, spec] of Object.entries(catalog)) {
    const trigger = spec.trigger;
    if (trigger.kind !== 'http') continue;
    if (trigger.throttle) {
      const problem = throttleProblem(trigger.throttle);
      if (problem) problems.push(`${name}: throttle: ${problem}`);
    }
    const operations = new Set(trigger.routes.map((route) => route.operationId));
    for (const [operationId, throttle] of Object.entries(trigger.routeThrottles ?? {})) {
      if (!operations.has(operationId)) {
        problems.push(`${name}: routeThrottles names ${operationId}, which is none of its routes`);
        continue;
      }
      const problem = throttleProblem(throttle);
      if (problem) problems.push(`${name}: routeThrottles.${operationId}: ${problem}`);
    }
  }
  return problems;
}
